/* version.h - the program's version, shared by --version and the probes' User-Agent. */
#ifndef MSGVET_VERSION_H
#define MSGVET_VERSION_H

#define MSGVET_VERSION "0.1.0"

#endif
