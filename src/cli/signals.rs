//! SIGINT (Ctrl-C) and SIGTERM, handled alike.
//!
//! The handler only sets flags (async-signal-safe; no thread is spawned, so
//! it works where threads cannot be had). Commands poll [`CANCEL`]:
//! `sweep` stops starting points and prints the finished ones, `compare`
//! and `report` stop starting solves and print nothing. A command that
//! cannot stop early (`sensitivity`) installs [`Mode::ExitNow`]: a message
//! and the exit at once. A second signal always ends the process at once.
//! The exit status is 128 + the signal: 130 for SIGINT, 143 for SIGTERM.

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

/// Set by the first SIGINT or SIGTERM.
pub static CANCEL: AtomicBool = AtomicBool::new(false);
static SIGNAL: AtomicI32 = AtomicI32::new(0);
static EXIT_NOW: AtomicBool = AtomicBool::new(false);

/// What the first signal does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Set [`CANCEL`]; the command winds down and reports.
    Cancel,
    /// Print that the command was interrupted and exit at once.
    ExitNow,
}

/// Catches SIGINT and SIGTERM for the rest of the process.
pub fn catch(mode: Mode) {
    EXIT_NOW.store(mode == Mode::ExitNow, Ordering::SeqCst);
    #[cfg(unix)]
    for sig in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: the handler only touches atomics and calls write(2) and
        // _exit(2), all async-signal-safe.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_signal as *const () as libc::sighandler_t;
            action.sa_flags = libc::SA_RESTART;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(sig, &action, std::ptr::null_mut());
        }
    }
}

#[cfg(unix)]
extern "C" fn on_signal(sig: libc::c_int) {
    let first = SIGNAL.swap(sig, Ordering::SeqCst) == 0;
    CANCEL.store(true, Ordering::SeqCst);
    if !first || EXIT_NOW.load(Ordering::SeqCst) {
        let msg: &[u8] = if sig == libc::SIGTERM {
            b"\nterminated (SIGTERM): stopped; nothing more was printed\n"
        } else {
            b"\ninterrupted (SIGINT): stopped; nothing more was printed\n"
        };
        // SAFETY: write(2) and _exit(2) are async-signal-safe.
        unsafe {
            libc::write(2, msg.as_ptr().cast(), msg.len());
            libc::_exit(128 + sig);
        }
    }
}

/// The signal received, if any.
pub fn received() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// The signal's name and the exit status for it.
pub fn describe(sig: i32) -> (&'static str, i32) {
    #[cfg(unix)]
    if sig == libc::SIGTERM {
        return ("terminated (SIGTERM)", super::exit::TERMINATED);
    }
    let _ = sig;
    ("interrupted (SIGINT)", super::exit::INTERRUPTED)
}
