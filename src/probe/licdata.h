/* licdata.h - the reference licence texts: DIR/<SPDX-ID>.txt read into a licence database. */
#ifndef MSGVET_LICDATA_H
#define MSGVET_LICDATA_H

#include "diag.h"
#include "licence.h"

#define LICDATA_DIR "data/licences" /* under the data root */

/* Read every DIR/<SPDX-ID>.txt (in name order) into db. Each file is at most
 * LICENCE_MAX_TEXT bytes, named by a known SPDX identifier, and a usable text; at most
 * LICENCE_MAX_REFS files. Problems are recorded in d as "path: message"; returns -1 when there
 * were any, or when the directory cannot be read or holds no text. */
int licdata_load(struct licence_db *db, const char *dir, struct diag *d);

#endif
