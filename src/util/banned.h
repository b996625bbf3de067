/*
 * banned.h - functions that are easy to misuse; included by every .c file
 * through the compiler's -include flag (see Makefile), as git's banned.h.
 * Use snprintf / strbuf / strtol / strtod instead.
 */
#ifndef PW_BANNED_H
#define PW_BANNED_H

/* The system headers first, so their own inline uses are not caught. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atof
#define atof(x) BANNED(atof)
#undef gets
#define gets(x) BANNED(gets)

#endif
