#ifndef CAPITAL_CLIBPQ_SHIM_H
#define CAPITAL_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
