// The crash path of the terminal UI (docs/ARCHITECTURE.md, "Crash path"), in C because a
// signal handler may only make async-signal-safe calls, which Swift code cannot promise.
#ifndef CALLSCOPE_CRASH_GUARD_H
#define CALLSCOPE_CRASH_GUARD_H

#include <stddef.h>
#include <termios.h>

// Installs handlers for SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT and SIGFPE that, on a crash:
// write `restore` to `tty_out` (leave the alternate screen, show the cursor, bracketed paste
// off), put back `saved` on `tty_in` (echo, canonical mode), write `notice` to stderr and
// `log_note` to the end of the file at `log_path` (if not NULL), run the handler that was
// there before if `chain` is set (the Swift runtime's backtracer, once set up not to wait for
// a key), then die of the signal with its default action. Everything is copied now; the handler allocates nothing. Returns 0, or -1 when a
// buffer is too small (nothing is installed then).
int cs_crash_guard_arm(int tty_in, int tty_out, const struct termios *saved,
                       const char *restore, size_t restore_length,
                       const char *notice, size_t notice_length,
                       const char *log_path, const char *log_note, size_t log_note_length,
                       int chain);

// Puts back the handlers that were there before `cs_crash_guard_arm` (on a normal exit).
void cs_crash_guard_disarm(void);

#endif
