/*
 * nelem.h - NELEM(a), the number of elements of the array a (not of a
 * pointer: sizeof of a pointer would give a wrong count silently, so pass
 * only arrays whose definition is in scope).  The one definition of it.
 */
#ifndef PW_NELEM_H
#define PW_NELEM_H

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#endif
