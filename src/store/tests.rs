use super::*;
use crate::domain::{Channel, Item, Kind, Status};
use crate::when::testing::london;

fn now() -> Moment {
    london()
        .with_ymd_and_hms(2026, 11, 28, 9, 0, 0)
        .earliest()
        .expect("moment")
}

fn open_temp() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("nudge.db"), london()).expect("opens");
    (dir, store)
}

fn ask(title: &str, person_id: i64) -> Item {
    Item {
        title: title.into(),
        person_id: Some(person_id),
        channel: Some(Channel::Email),
        asked_at: Some(now()),
        next_check: Some(now() + chrono::Duration::days(2)),
        tags: vec!["x".into()],
        ..Item::blank(Kind::Ask, now())
    }
}

fn capture(store: &mut Store, title: &str, person: &str) -> i64 {
    store
        .write("ask", &now(), |w| {
            let (person, _) = w.person_for(person)?;
            w.insert_item(&ask(title, person.id))
        })
        .expect("writes")
}

#[test]
fn an_item_round_trips() {
    let (_dir, mut store) = open_temp();
    let id = capture(&mut store, "quotes", "dana");
    let item = store.reader().item(id).expect("reads").expect("exists");
    assert_eq!(item.title, "quotes");
    assert_eq!(item.person.as_deref(), Some("Dana"));
    assert_eq!(item.tags, vec!["x".to_string()]);
    assert_eq!(item.next_check, Some(now() + chrono::Duration::days(2)));
    assert_eq!(item.uuid.len(), 36);
}

#[test]
fn people_are_matched_case_insensitively() {
    let (_dir, mut store) = open_temp();
    capture(&mut store, "a", "dana");
    capture(&mut store, "b", "DANA");
    assert_eq!(store.reader().people().expect("people").len(), 1);
}

#[test]
fn ids_are_shared_and_never_reused() {
    let (_dir, mut store) = open_temp();
    let first = capture(&mut store, "a", "dana");
    let second = capture(&mut store, "b", "dana");
    assert_eq!(second, first + 1);
    store
        .write("undo", &now(), |w| w.undo_last())
        .expect("undo");
    let third = capture(&mut store, "c", "dana");
    assert_eq!(third, second + 1);
}

#[test]
fn undo_puts_rows_back_exactly() {
    let (_dir, mut store) = open_temp();
    let id = capture(&mut store, "quotes", "dana");
    let before = store.reader().item(id).expect("reads").expect("exists");
    store
        .write("done", &now(), |w| {
            let mut item = w.reader().item(id)?.expect("exists");
            item.status = Status::Received;
            item.closed_at = Some(now());
            item.title = "changed".into();
            w.save_item(&item)
        })
        .expect("done");
    let undone = store
        .write("undo", &now(), |w| w.undo_last())
        .expect("undo");
    assert_eq!(undone.map(|u| u.action), Some("done".to_string()));
    let after = store.reader().item(id).expect("reads").expect("exists");
    assert_eq!(after, before);
    // Undo again: the capture itself goes, with the person it created.
    store
        .write("undo", &now(), |w| w.undo_last())
        .expect("undo");
    assert_eq!(store.reader().item(id).expect("reads"), None);
    assert!(store.reader().people().expect("people").is_empty());
    // Nothing left to undo.
    assert_eq!(
        store
            .write("undo", &now(), |w| w.undo_last())
            .expect("undo"),
        None
    );
}

#[test]
fn an_input_error_inside_a_write_saves_nothing() {
    let (_dir, mut store) = open_temp();
    let result: std::result::Result<(), WriteError> = store.write("ask", &now(), |w| {
        w.person_for("dana")?;
        Err(WriteError::Input("no".into()))
    });
    assert!(result.is_err());
    assert!(store.reader().people().expect("people").is_empty());
}

#[test]
fn reply_median_follows_answers() {
    let (_dir, mut store) = open_temp();
    for hours in [10, 30, 50] {
        let id = capture(&mut store, "a", "sam");
        store
            .write("done", &now(), |w| {
                let mut item = w.reader().item(id)?.expect("exists");
                item.status = Status::Received;
                item.closed_at = Some(now() + chrono::Duration::hours(hours));
                w.save_item(&item)
            })
            .expect("done");
    }
    let sam = store
        .reader()
        .person_named("Sam")
        .expect("reads")
        .expect("exists");
    assert_eq!(sam.reply_median, Some(chrono::Duration::hours(30)));
}

#[test]
fn a_new_database_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("deep/er/nudge.db");
    drop(Store::open(&path, london()).expect("opens"));
    let mode = std::fs::metadata(&path).expect("file").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let folder = std::fs::metadata(path.parent().expect("parent"))
        .expect("dir")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(folder, 0o700);
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(path.parent().expect("parent"))
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn history_lists_what_was_done() {
    let (_dir, mut store) = open_temp();
    let id = capture(&mut store, "quotes", "dana");
    store
        .write("snooze", &now(), |w| {
            w.describe("Snoozed to Mon")?;
            let item = w.reader().item(id)?.expect("exists");
            w.save_item(&item)
        })
        .expect("snooze");
    let history = store.reader().history(id).expect("history");
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, vec!["ask", "snooze"]);
    assert_eq!(history[1].summary, "Snoozed to Mon");
}
