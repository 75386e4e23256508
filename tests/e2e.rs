//! The real binary in a pseudo-terminal: capture an ask with the keyboard, quit, and check the
//! database and that the terminal was given back.
// A test fails with its message: unwrap and expect say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Home;
use common::pty::Terminal;
use serde_json::Value;

#[test]
fn capture_an_ask_with_the_keyboard_and_quit() {
    let home = Home::new();
    let mut term = Terminal::start(home.dir.path(), &home.db(), &[], 100, 30);
    term.wait_for("Welcome to nudge");
    assert!(
        term.alternate_screen(),
        "the dashboard runs on the alternate screen"
    );
    term.send("a");
    term.wait_for("Capture an ask");
    term.send("@dana customer quotes by fri ~call");
    term.wait_for("Ask · Dana · customer quotes · need by Fri 4 Dec 17:00");
    term.send("\r");
    term.wait_for("Ask 1 · Dana · customer quotes");
    term.wait_for("Pending asks 1");
    term.send("q");
    assert!(term.wait_exit(), "nudge exits with 0");
    assert!(
        !term.alternate_screen(),
        "the terminal left the alternate screen"
    );
    assert!(term.cursor_visible(), "the cursor is shown again");
    let asks: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    assert_eq!(asks[0]["title"], "customer quotes");
    assert_eq!(asks[0]["person"], "Dana");
    assert_eq!(asks[0]["channel"], "call");
}

#[test]
fn a_panic_restores_the_terminal_and_points_at_the_log() {
    let home = Home::with_demo();
    let mut term = Terminal::start_with(
        home.dir.path(),
        &home.db(),
        &[],
        80,
        24,
        &[("NUDGE_TEST_PANIC", "1")],
    );
    term.wait_for("Pending asks 11");
    // F12 is the key that panics in test builds.
    term.send("\u{1b}[24~");
    term.wait_for("details are in the log");
    let _ = term.wait_exit();
    assert!(!term.alternate_screen(), "the main screen is back");
    assert!(term.cursor_visible(), "the cursor is shown again");
    let screen = term.screen();
    assert!(
        screen.contains("a panic asked for by NUDGE_TEST_PANIC"),
        "{screen}"
    );
    let log = home.dir.path().join("state/nudge/nudge.log");
    let text = std::fs::read_to_string(&log).expect("the log was written");
    assert!(text.contains("the dashboard panicked"), "{text}");
    assert!(screen.contains(&log.display().to_string()) || screen.contains("nudge.log"));
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let home = Home::with_demo();
    let mut term = Terminal::start(home.dir.path(), &home.db(), &[], 80, 24);
    term.wait_for("Pending asks 11");
    term.send("\u{3}");
    assert!(term.wait_exit());
    assert!(!term.alternate_screen());
}

#[test]
fn a_capture_from_another_shell_appears_without_a_key() {
    let home = Home::with_demo();
    let mut term = Terminal::start(home.dir.path(), &home.db(), &[], 120, 40);
    term.wait_for("Pending asks 11");
    home.run(&["ask", "@zoe", "numbers", "from", "the", "other", "shell"]);
    term.wait_for("Pending asks 12");
    term.send("q");
    assert!(term.wait_exit());
}

#[test]
fn a_reflection_survives_kill_9_mid_typing() {
    let home = Home::new();
    let mut term = Terminal::start(home.dir.path(), &home.db(), &["reflect"], 100, 30);
    term.wait_for("What went well today?");
    term.send("Shipped the launch deck");
    term.wait_for("Shipped the launch deck");
    term.send("\r");
    term.send("with quotes from Dana");
    term.wait_for("with quotes from Dana");
    // No quit, no save key: the process is killed as a crash or a closed terminal would.
    let pid = term.child.process_id().expect("pid");
    let status = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let _ = term.child.wait();
    let mut again = Terminal::start(home.dir.path(), &home.db(), &["reflect"], 100, 30);
    again.wait_for("Shipped the launch deck");
    again.wait_for("with quotes from Dana");
    again.send("\u{1b}");
    again.send("q");
    assert!(again.wait_exit());
    let out = home.run(&["list", "reflections", "--json"]);
    assert!(
        out.contains("Shipped the launch deck\\nwith quotes from Dana"),
        "{out}"
    );
}

#[test]
fn signals_restore_the_terminal_and_keep_the_typed_line() {
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let home = Home::with_demo();
        let mut term = Terminal::start(home.dir.path(), &home.db(), &[], 100, 30);
        term.wait_for("Pending asks 11");
        assert!(term.raw_mode(), "the dashboard runs in raw mode");
        term.send("a");
        term.wait_for("Capture an ask");
        let line = format!("@dana quotes kept through SIG{signal}");
        term.send(&line);
        term.wait_for(&format!("kept through SIG{signal}"));
        term.signal(signal);
        assert_eq!(
            term.wait_code(),
            Ok(128 + number),
            "SIG{signal} exits 128+{number}"
        );
        assert!(
            !term.alternate_screen(),
            "SIG{signal}: the main screen is back"
        );
        assert!(term.cursor_visible(), "SIG{signal}: the cursor is shown");
        assert!(
            !term.mouse_or_paste_mode(),
            "SIG{signal}: mouse and paste modes are off"
        );
        assert!(!term.raw_mode(), "SIG{signal}: raw mode is off");
        // Nothing was saved, and the next start offers the line again.
        let asks = home.run(&["list", "--json"]);
        assert!(!asks.contains("kept through"), "{asks}");
        let mut again = Terminal::start(home.dir.path(), &home.db(), &[], 100, 30);
        again.wait_for("Kept from when the dashboard last stopped");
        again.wait_for(&line);
        again.send("\r");
        again.wait_for("Pending asks 12");
        again.send("q");
        assert!(again.wait_exit());
        let asks = home.run(&["list", "--json"]);
        assert!(
            asks.contains(&format!("quotes kept through SIG{signal}")),
            "{asks}"
        );
    }
}

#[test]
fn a_panic_keeps_the_typed_line_for_the_next_start() {
    let home = Home::with_demo();
    let mut term = Terminal::start_with(
        home.dir.path(),
        &home.db(),
        &[],
        80,
        24,
        &[("NUDGE_TEST_PANIC", "1")],
    );
    term.wait_for("Pending asks 11");
    term.send("a");
    term.send("@sam pricing sheet by fri");
    term.wait_for("need by Fri 4 Dec");
    // F12 is the key that panics in test builds.
    term.send("\u{1b}[24~");
    term.wait_for("the line you were typing is kept");
    assert_eq!(term.wait_code(), Ok(101));
    assert!(!term.alternate_screen());
    assert!(!term.raw_mode());
    let mut again = Terminal::start(home.dir.path(), &home.db(), &[], 80, 24);
    again.wait_for("@sam pricing sheet by fri");
    again.wait_for("Kept from when the dashboard last stopped");
    // Esc on a line holding text asks first; a second esc lets it go.
    again.send("\u{1b}");
    again.wait_for("Discard what you typed? esc again discards it");
    again.send("\u{1b}");
    again.send("q");
    assert!(again.wait_exit());
}

#[test]
fn a_burst_of_20000_keys_is_read_whole() {
    let home = Home::with_demo();
    let mut term = Terminal::start(home.dir.path(), &home.db(), &[], 100, 30);
    term.wait_for("Pending asks 11");
    // 20,000 moves then G, in one write: G must land without any further key.
    let mut keys = "jk".repeat(10_000);
    keys.push('G');
    term.burst(&keys);
    term.wait_for("▶ Omar");
    // 10,000 characters typed into the capture line, again in one write, then its end.
    term.send("a");
    term.wait_for("Capture an ask");
    let mut line = String::from("@dana ");
    line.push_str(&"x".repeat(10_000));
    line.push_str(" by fri ~call");
    term.burst(&line);
    // The line's end shows at the cursor once every character is in.
    term.wait_for("x by fri ~call");
    term.send("\r");
    term.wait_for("Pending asks 12");
    term.send("q");
    assert!(term.wait_exit());
    let asks: Value = serde_json::from_str(&home.run(&["list", "--json"])).expect("json");
    let long = asks
        .as_array()
        .expect("array")
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with("xxx")))
        .expect("the long ask");
    assert_eq!(long["title"].as_str().map(str::len), Some(10_000));
}
