// The wide-character ncurses API for Swift (docs/ARCHITECTURE.md, "ncurses from SwiftPM").
// NCURSES_WIDECHAR must come before the include: a cSettings define does not reach importers.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

extern int wcwidth(wchar_t);

// Macros Swift cannot import, as functions.
static inline int cs_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int cs_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline attr_t cs_a_bold(void) { return A_BOLD; }
static inline attr_t cs_a_reverse(void) { return A_REVERSE; }
static inline attr_t cs_a_dim(void) { return A_DIM; }
static inline attr_t cs_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cs_a_normal(void) { return A_NORMAL; }
static inline int cs_key_resize(void) { return KEY_RESIZE; }
static inline int cs_key_up(void) { return KEY_UP; }
static inline int cs_key_down(void) { return KEY_DOWN; }
static inline int cs_key_left(void) { return KEY_LEFT; }
static inline int cs_key_right(void) { return KEY_RIGHT; }
static inline int cs_key_npage(void) { return KEY_NPAGE; }
static inline int cs_key_ppage(void) { return KEY_PPAGE; }
static inline int cs_key_home(void) { return KEY_HOME; }
static inline int cs_key_end(void) { return KEY_END; }
static inline int cs_key_btab(void) { return KEY_BTAB; }
static inline int cs_key_backspace(void) { return KEY_BACKSPACE; }
static inline int cs_key_dc(void) { return KEY_DC; }
static inline int cs_key_enter(void) { return KEY_ENTER; }
static inline int cs_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cs_err(void) { return ERR; }
static inline int cs_color_pair(int n) { return COLOR_PAIR(n); }

// Writes up to n wide characters at (y, x) with attributes, through a cchar_t per cell so
// combining sequences and wide characters land in their cells.
static inline int cs_put_wide(WINDOW *w, int y, int x, const wchar_t *text, int n, attr_t attrs, short pair) {
    wattr_set(w, attrs, pair, NULL);
    int rc = mvwaddnwstr(w, y, x, text, n);
    wattr_set(w, A_NORMAL, 0, NULL);
    return rc;
}

// Swift 6 rejects the C global `stdscr` as shared mutable state; read it through a function.
static inline WINDOW *cs_stdscr(void) { return stdscr; }

#include <unistd.h>
#include <sys/syscall.h>
// Whether the caller is the process's main thread (Linux: its thread id is the process id).
static inline int cs_is_main_thread(void) { return getpid() == (pid_t)syscall(SYS_gettid); }
