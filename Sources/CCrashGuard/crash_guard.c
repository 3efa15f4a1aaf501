#include "crash_guard.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const int guarded_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
#define GUARDED_COUNT (sizeof(guarded_signals) / sizeof(guarded_signals[0]))

// Prepared before any crash; only read by the handler.
static struct sigaction previous[GUARDED_COUNT];
static int armed = 0;
static int input_fd = -1;
static int output_fd = -1;
static struct termios saved_termios;
static char restore_bytes[512];
static size_t restore_count = 0;
static char notice_bytes[4096];
static size_t notice_count = 0;
static char log_file[4096];
static char log_bytes[4096];
static size_t log_count = 0;
static int chain_previous = 0;
static int crashing = 0;

static void write_all(int fd, const char *bytes, size_t count) {
    while (count > 0) {
        ssize_t written = write(fd, bytes, count);
        if (written < 0) {
            if (errno == EINTR) continue;
            return;
        }
        bytes += written;
        count -= (size_t)written;
    }
}

static void die_of(int signal_number) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(signal_number, &action, NULL);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, signal_number);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    raise(signal_number);
    // A signal whose default action is not to terminate cannot get here: all six do.
    _exit(128 + signal_number);
}

static void on_fatal_signal(int signal_number, siginfo_t *info, void *context) {
    int saved_errno = errno;
    // A second crash (another thread, or inside the backtracer) goes straight to the default.
    /* One thread restores and reports; a second fault (another thread, or inside this
       handler) dies at once. An atomic exchange, so two threads cannot both get through. */
    if (__atomic_exchange_n(&crashing, 1, __ATOMIC_SEQ_CST)) die_of(signal_number);

    // The screen first: whatever runs next may print, and the user must be able to read it.
    write_all(output_fd, restore_bytes, restore_count);
    tcsetattr(input_fd, TCSANOW, &saved_termios);
    write_all(STDERR_FILENO, notice_bytes, notice_count);
    if (log_file[0] != '\0') {
        int log = open(log_file, O_WRONLY | O_APPEND | O_CLOEXEC);
        if (log >= 0) {
            write_all(log, log_bytes, log_count);
            close(log);
        }
    }

    // Then whatever handled the signal before us: the Swift runtime's backtracer, which callscope
    // sets (at start) to write to a file without asking for a key. The report names paths and
    // what was in memory: readable by the owner alone, as the log is (its helper process
    // inherits this mask and creates the file).
    umask(077);
    for (size_t i = 0; chain_previous && i < GUARDED_COUNT; i++) {
        if (guarded_signals[i] != signal_number) continue;
        struct sigaction *before = &previous[i];
        if (before->sa_flags & SA_SIGINFO) {
            if (before->sa_sigaction != NULL) before->sa_sigaction(signal_number, info, context);
        } else if (before->sa_handler != SIG_DFL && before->sa_handler != SIG_IGN && before->sa_handler != NULL) {
            before->sa_handler(signal_number);
        }
    }
    errno = saved_errno;
    die_of(signal_number);
}

static int copy_in(char *buffer, size_t capacity, size_t *count, const char *bytes, size_t length) {
    if (length > capacity) return -1;
    if (length > 0) memcpy(buffer, bytes, length);
    *count = length;
    return 0;
}

int cs_crash_guard_arm(int tty_in, int tty_out, const struct termios *saved,
                       const char *restore, size_t restore_length,
                       const char *notice, size_t notice_length,
                       const char *log_path, const char *log_note, size_t log_note_length,
                       int chain) {
    if (armed) cs_crash_guard_disarm();
    if (copy_in(restore_bytes, sizeof(restore_bytes), &restore_count, restore, restore_length) != 0) return -1;
    if (copy_in(notice_bytes, sizeof(notice_bytes), &notice_count, notice, notice_length) != 0) return -1;
    if (copy_in(log_bytes, sizeof(log_bytes), &log_count, log_note, log_note_length) != 0) return -1;
    log_file[0] = '\0';
    if (log_path != NULL) {
        size_t length = strlen(log_path);
        if (length >= sizeof(log_file)) return -1;
        memcpy(log_file, log_path, length + 1);
    }
    input_fd = tty_in;
    output_fd = tty_out;
    saved_termios = *saved;
    chain_previous = chain;
    __atomic_store_n(&crashing, 0, __ATOMIC_SEQ_CST);

    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_sigaction = on_fatal_signal;
    // As the Swift runtime installs its own: on the alternate stack it sets up (a stack overflow
    // is caught too), other signals held, the fatal ones not (SA_NODEFER): the backtracer's
    // helper thread inherits this mask and must still catch its own faults.
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigfillset(&action.sa_mask);
    for (size_t i = 0; i < GUARDED_COUNT; i++) sigdelset(&action.sa_mask, guarded_signals[i]);
    for (size_t i = 0; i < GUARDED_COUNT; i++) {
        sigaction(guarded_signals[i], &action, &previous[i]);
    }
    armed = 1;
    return 0;
}

void cs_crash_guard_disarm(void) {
    if (!armed) return;
    for (size_t i = 0; i < GUARDED_COUNT; i++) {
        sigaction(guarded_signals[i], &previous[i], NULL);
    }
    armed = 0;
}
