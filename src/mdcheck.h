/* mdcheck.h - is Markdown from data inert in the guide's pages?
 *
 * Markdown from data (prose, criterion texts, catalogue strings) is pasted into pages whose
 * blocks (cards, admonitions, details) and attribute lists the templates own, and the pages
 * are rendered by mkdocs (Python-Markdown with attr_list and md_in_html). The text is parsed
 * as CommonMark with md4c, and refused when it holds:
 *   - raw HTML in any form: an HTML block, an inline tag, comment, declaration or processing
 *     instruction, or any '<' before a letter, '/', '!' or '?' outside code, autolinks
 *     included (Python-Markdown is looser than CommonMark about what a tag is, and "\<" is
 *     no escape for it);
 *   - a link or image whose destination is not https (mailto: for links; a relative path
 *     into the guide, like advanced/page.md#anchor, is allowed);
 *   - an attribute list '{ ... }' outside code (only the templates may write them), except
 *     a placeholder '{name}' whose name is in the NULL-terminated list placeholders (which
 *     may be NULL), that the caller fills in before the text reaches a page.
 * Code spans and code blocks follow CommonMark: an unmatched backtick is text, and a code
 * span does not cross a blank line. */
#ifndef MSGVET_MDCHECK_H
#define MSGVET_MDCHECK_H

#include <stddef.h>

/* What is wrong with a text, and where. */
struct md_problem {
	unsigned line; /* 1-based line within the text */
	char msg[200];
};

/* 0 when s (len bytes) is safe, else -1 with *p filled in for the first problem. */
int mdcheck(const char *s, size_t len, const char *const *placeholders, struct md_problem *p);

#endif
