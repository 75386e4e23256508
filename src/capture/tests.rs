use super::*;
use crate::text::pattern;
use crate::when::testing::london;
use chrono::TimeZone;
use proptest::prelude::*;

fn now() -> Moment {
    london()
        .with_ymd_and_hms(2026, 11, 28, 9, 0, 0)
        .earliest()
        .expect("moment")
}

fn read(line: &str) -> Capture {
    parse(line, Grammar::Ask, &now(), &WorkWeek::default())
        .unwrap_or_else(|e| panic!("{line:?} should parse: {e}"))
}

fn fails(line: &str, grammar: Grammar) -> CaptureError {
    parse(line, grammar, &now(), &WorkWeek::default())
        .expect_err(&format!("{line:?} should not parse"))
}

fn shown(moment: Option<Moment>) -> String {
    moment
        .map(|m| m.format("%a %d %b %H:%M").to_string())
        .unwrap_or_default()
}

#[test]
fn the_design_example() {
    let c = read(
        "@dana customer quotes for the Acme case study by fri ~call #casestudy why: launch deck needs proof points",
    );
    assert_eq!(c.person.as_deref(), Some("dana"));
    assert_eq!(c.title, "customer quotes for the Acme case study");
    assert_eq!(shown(c.due), "Fri 04 Dec 17:00");
    assert_eq!(c.channel, Some(Channel::Call));
    assert_eq!(c.tags, vec!["casestudy".to_string()]);
    assert_eq!(c.why.as_deref(), Some("launch deck needs proof points"));
    assert_eq!(c.check, None);
    assert_eq!(c.deadline, None);
}

#[test]
fn every_token() {
    let c = read("Pricing sheet @Sam. due dec 3 3pm check back tue ~slack #Pricing #q4 for 12");
    assert_eq!(c.person.as_deref(), Some("Sam"));
    assert_eq!(c.title, "Pricing sheet");
    assert_eq!(shown(c.due), "Thu 03 Dec 15:00");
    assert_eq!(shown(c.check), "Tue 01 Dec 17:00");
    assert_eq!(c.channel, Some(Channel::Chat));
    assert_eq!(c.tags, vec!["pricing".to_string(), "q4".to_string()]);
    assert_eq!(c.deadline, Some(12));
}

#[test]
fn plus_tags_for_the_shell() {
    let c = read("@dana quotes +casestudy +Q4 +1");
    assert_eq!(c.tags, vec!["casestudy".to_string(), "q4".to_string()]);
    assert_eq!(c.title, "quotes +1");
}

#[test]
fn channel_aliases() {
    for (word, channel) in [
        ("~email", Channel::Email),
        ("~phone", Channel::Call),
        ("~inperson", Channel::InPerson),
        ("~desk", Channel::InPerson),
        ("~walk", Channel::InPerson),
        ("~teams", Channel::Chat),
    ] {
        assert_eq!(
            read(&format!("@a thing {word}")).channel,
            Some(channel),
            "{word}"
        );
    }
}

#[test]
fn keywords_that_are_not_followed_by_a_date_stay_in_the_title() {
    let c = read("@dana customer stories by vertical by fri");
    assert_eq!(c.title, "customer stories by vertical");
    assert_eq!(shown(c.due), "Fri 04 Dec 17:00");
    let c = read("@lee check the numbers");
    assert_eq!(c.title, "check the numbers");
    assert_eq!(c.check, None);
    let c = read("@lee budget for marketing");
    assert_eq!(c.title, "budget for marketing");
}

#[test]
fn quotes_protect_keywords() {
    let c = read("@dana \"report by fri\" by mon");
    assert_eq!(c.title, "report by fri");
    assert_eq!(shown(c.due), "Mon 30 Nov 17:00");
}

#[test]
fn why_keeps_its_keywords() {
    let c = read("@dana quotes why: launch is by fri ~call #x");
    assert_eq!(c.why.as_deref(), Some("launch is by fri ~call #x"));
    assert_eq!(c.due, None);
    assert_eq!(c.channel, None);
}

#[test]
fn critiques_read_on() {
    let c = parse(
        "@sam \"deck is too wordy\" on \"Q4 launch deck\"",
        Grammar::Critique,
        &now(),
        &WorkWeek::default(),
    )
    .expect("parses");
    assert_eq!(c.title, "deck is too wordy");
    assert_eq!(c.on, Some(Piece::Named("Q4 launch deck".into())));
    let c = parse(
        "@sam too long on 7",
        Grammar::Critique,
        &now(),
        &WorkWeek::default(),
    )
    .expect("parses");
    assert_eq!(c.on, Some(Piece::Deadline(7)));
    assert_eq!(c.title, "too long");
    // In an ask, "on" is just a word.
    assert_eq!(read("@sam work on 7 slides").title, "work on 7 slides");
}

#[test]
fn dates_that_cannot_be_read_are_quoted() {
    let err = fails("@dana quotes by fir", Grammar::Ask);
    assert_eq!(err.unread, vec!["fir".to_string()]);
    assert!(
        err.message
            .starts_with("could not read \"fir\" after \"by\""),
        "{err}"
    );
    assert!(
        err.to_string().contains("e.g. @dana customer quotes"),
        "{err}"
    );
    let err = fails("@dana quotes by 3", Grammar::Ask);
    assert_eq!(err.unread, vec!["3".to_string()]);
    let err = fails("@dana quotes by 2026-02-30", Grammar::Ask);
    assert!(err.message.contains("not a date on the calendar"), "{err}");
    // A past time is refused, not swallowed into the title.
    let err = fails("@dana quotes by yesterday", Grammar::Ask);
    assert_eq!(err.unread, vec!["yesterday".to_string()]);
    assert!(
        err.message.contains("\"yesterday\" is in the past"),
        "{err}"
    );
    let err = fails("@dana quotes by 3 days ago", Grammar::Ask);
    assert!(
        err.message.contains("\"3 days ago\" is in the past"),
        "{err}"
    );
    let err = fails("launch due tomorow 25:00", Grammar::Deadline);
    assert!(err.message.contains("\"tomorow 25:00\""), "{err}");
    assert!(err.to_string().contains("e.g. Q4 launch deck due"), "{err}");
}

#[test]
fn other_mistakes() {
    let err = fails("@dana @sam quotes", Grammar::Ask);
    assert_eq!(err.message, "one person per line: @dana and @sam");
    let err = fails("@dana quotes ~fax", Grammar::Ask);
    assert!(err.message.starts_with("unknown channel \"~fax\""), "{err}");
    let err = fails("@dana quotes ~call ~email", Grammar::Ask);
    assert!(err.message.starts_with("two channels"), "{err}");
    let err = fails("@dana quotes by fri by mon", Grammar::Ask);
    assert!(err.message.contains("given twice"), "{err}");
    let err = fails("@dana \"quotes", Grammar::Ask);
    assert!(err.message.starts_with("a quote is not closed"), "{err}");
    let err = fails("@da<na> quotes", Grammar::Ask);
    assert!(err.message.contains("is not a name"), "{err}");
}

#[test]
fn shell_arguments_keep_their_quoting() {
    let args: Vec<String> = [
        "@sam",
        "deck is too wordy",
        "on",
        "Q4 launch deck",
        "why: it matters",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(
        line_from_args(&args),
        "@sam \"deck is too wordy\" on \"Q4 launch deck\" why: it matters"
    );
    let args: Vec<String> = [
        "@dana",
        "quotes",
        "why:",
        "the launch deck needs proof points",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(
        line_from_args(&args),
        "@dana quotes why: the launch deck needs proof points"
    );
}

/// The pieces the line is rebuilt from: a name the shell kept whole, quote marks inside an
/// argument, `WHY:` in capitals, and an argument that is only spaces, each in its place.
#[test]
fn shell_arguments_rebuild_piece_by_piece() {
    let args: Vec<String> = [
        "  ",
        "@Marcus Reid",
        "say \"hi\"",
        "WHY: a \"big\" one",
        "@Ann Lee",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(
        line_from_args(&args),
        " @\"Marcus Reid\" \"say \"\"hi\"\"\" WHY: a \"big\" one @Ann Lee"
    );
    assert_eq!(line_from_args(&[]), "");
}

#[test]
fn near_misses() {
    assert!(near_miss("fir", "fri"));
    assert!(near_miss("tomorow", "tomorrow"));
    assert!(near_miss("mondy", "monday"));
    assert!(!near_miss("vertical", "friday"));
    assert!(looks_like_a_date("fir"));
    assert!(looks_like_a_date("tomorow"));
    assert!(!looks_like_a_date("the"));
    assert!(!looks_like_a_date("text"));
    assert_eq!(
        read("@dana report by the end of march").title,
        "report by the end of march"
    );
}

proptest! {
    #[test]
    fn no_input_panics(line in pattern("\\PC{0,60}")) {
        let _ = parse(&line, Grammar::Ask, &now(), &WorkWeek::default());
        let _ = parse(&line, Grammar::Critique, &now(), &WorkWeek::default());
    }

    #[test]
    fn no_grammar_like_input_panics(
        words in proptest::collection::vec(
            pattern("(@[a-z]{0,4}|#[a-z0-9]{0,3}|~[a-z]{0,6}|by|due|check|back|for|on|why:|\"|“|”|[0-9]{1,4}|fri|dec|3pm|in|[a-zé]{1,5})"),
            0..10,
        )
    ) {
        let _ = parse(&words.join(" "), Grammar::Critique, &now(), &WorkWeek::default());
    }
}

#[test]
fn an_address_in_brackets_or_bare_is_the_persons_not_the_titles() {
    let c = read("@dana <Dana@Acme.com> customer quotes ~email");
    assert_eq!(c.email.as_deref(), Some("dana@acme.com"));
    assert_eq!(c.title, "customer quotes");
    let c = read("@dana customer quotes dana@acme.com,");
    assert_eq!(c.email.as_deref(), Some("dana@acme.com"));
    assert_eq!(c.title, "customer quotes");
    let e = fails("@dana <dana-at-acme> quotes", Grammar::Ask);
    assert!(e.message.contains("is not a mail address"), "{}", e.message);
    let e = fails("@dana <a@acme.com> <b@acme.com> quotes", Grammar::Ask);
    assert!(e.message.contains("two addresses"), "{}", e.message);
    // A deadline has no person, so an address there is just a word of the title.
    let c = parse(
        "mail ops@acme.com the deck due fri",
        Grammar::Deadline,
        &now(),
        &WorkWeek::default(),
    )
    .expect("parses");
    assert_eq!(c.email, None);
    assert!(c.title.contains("ops@acme.com"), "{}", c.title);
}
