/* For checking the .exe under wine 8 only — never shipped. Rust >= 1.78 takes
 * randomness from ProcessPrng in bcryptprimitives.dll, which Windows 10 and 11
 * have and wine 8 lacks. This stand-in forwards to BCryptGenRandom. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
