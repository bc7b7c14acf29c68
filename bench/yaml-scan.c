/* yaml-scan.c - the yardstick of bench/eval-scale: a bare libyaml event scan of every .yml file
 * (and .json file: the observations are read as YAML too) in the directories given, on one thread, building nothing. It is what reading the data
 * costs at the least; msgvet's load, validation, evaluation and output are measured against it.
 *
 *   bench/yaml-scan DIR...    prints the number of files and events; exit 1 on a parse error
 *
 * A measuring tool, not part of msgvet: it is the only file outside src/yamlfile.c that
 * includes <yaml.h>, and it is never linked into the program. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

static int scan(const char *path, unsigned long *events)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		perror(path);
		return -1;
	}
	yaml_parser_t p;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, fp);
	int rc = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			fprintf(stderr, "%s: %s\n", path, p.problem ? p.problem : "parse error");
			rc = -1;
			break;
		}
		int end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		(*events)++;
		if (end)
			break;
	}
	yaml_parser_delete(&p);
	fclose(fp);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned long files = 0, events = 0;
	for (int i = 1; i < argc; i++) {
		DIR *d = opendir(argv[i]);
		if (!d) {
			perror(argv[i]);
			return 1;
		}
		struct dirent *de;
		while ((de = readdir(d))) {
			size_t n = strlen(de->d_name);
			if (!((n > 4 && strcmp(de->d_name + n - 4, ".yml") == 0) ||
			      (n > 5 && strcmp(de->d_name + n - 5, ".json") == 0)))
				continue;
			char path[4096];
			snprintf(path, sizeof(path), "%s/%s", argv[i], de->d_name);
			if (scan(path, &events) < 0) {
				closedir(d);
				return 1;
			}
			files++;
		}
		closedir(d);
	}
	printf("%lu files, %lu events\n", files, events);
	return 0;
}
