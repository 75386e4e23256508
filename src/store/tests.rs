use super::*;
use crate::domain::{Channel, Item, Kind, Status};
use crate::when::testing::london;
use chrono::TimeZone;

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

/// The demo's world at `items` items.
fn fill_with_demo(store: &mut Store, items: u64) {
    crate::demo::fill(
        store,
        &now(),
        &crate::domain::schedule::CheckBackRule::default(),
        Some(items),
        true,
        &mut |_, _| {},
    )
    .expect("demo");
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
            // As a capture writes it: its words left for the find index to take later.
            Ok(w.insert_new_item(ask(title, person.id))?.id)
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
    let (history, _) = store.reader().history(id, 100).expect("history");
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, vec!["ask", "snooze"]);
    assert_eq!(history[1].summary, "Snoozed to Mon");
}

#[test]
fn the_sql_median_is_the_domain_median() {
    let (_dir, mut store) = open_temp();
    // Odd and even counts, ties, and more answers than the recent window holds.
    for (n, person) in [(1, "a"), (2, "b"), (5, "c"), (6, "d"), (27, "e")] {
        for k in 0..n {
            let id = capture(&mut store, "q", person);
            let hours = (k * 37 % 11) as i64 * 5 + 1;
            store
                .write("done", &now(), |w| {
                    let mut item = w.reader().item(id)?.expect("exists");
                    item.status = Status::Received;
                    item.closed_at = Some(
                        now()
                            + chrono::Duration::hours(hours)
                            + chrono::Duration::minutes(k as i64),
                    );
                    w.save_item(&item)
                })
                .expect("done");
        }
        let reader = store.reader();
        let who = reader.person_named(person).expect("reads").expect("exists");
        let expected = crate::domain::reply::median(reader.reply_times(who.id).expect("times"));
        let in_sql = reader.reply_median(who.id).expect("median");
        assert_eq!(
            in_sql.map(|d| d.num_seconds()),
            expected.map(|d| d.num_seconds()),
            "{person}"
        );
        assert_eq!(
            who.reply_median, in_sql,
            "the cached figure is kept current"
        );
    }
    let nobody = capture(&mut store, "q", "f");
    let reader = store.reader();
    let f = reader
        .item(nobody)
        .expect("reads")
        .expect("exists")
        .person_id
        .expect("person");
    assert_eq!(
        reader.reply_median(f).expect("median"),
        None,
        "no history, no median"
    );
}

#[test]
fn sql_attention_order_is_the_domain_order() {
    use crate::domain::attention::ask_rank;
    let (_dir, mut store) = open_temp();
    for k in 0..40i64 {
        let person = if k % 3 == 0 { "sam" } else { "lee" };
        let need_by = (k % 4 != 0).then(|| now() + chrono::Duration::hours((k * 13 % 90) - 20));
        let check = now() + chrono::Duration::hours((k * 7 % 60) - 30);
        store
            .write("ask", &now(), |w| {
                let (p, _) = w.person_for(person)?;
                let mut item = ask(&format!("ask {k}"), p.id);
                item.need_by = need_by;
                item.next_check = Some(check);
                w.insert_item(&item)
            })
            .expect("ask");
    }
    // Sam's slow history comes after his asks: the order must read his usual reply time as it
    // is now, not as it was when they were asked.
    for _ in 0..3 {
        let id = capture(&mut store, "old", "sam");
        store
            .write("done", &now(), |w| {
                let mut item = w.reader().item(id)?.expect("exists");
                item.status = Status::Received;
                item.closed_at = Some(now() + chrono::Duration::days(3));
                w.save_item(&item)
            })
            .expect("done");
    }
    let reader = store.reader();
    // `due` and the dashboard rank open asks from their index (`open_ask_ids`); a page of
    // `list` and `list --all` order them in SQL. Each must be the domain's order.
    let ranked = reader.open_ask_ids(&now()).expect("ids");
    let in_sql = reader.open_asks(&now(), 100, 0).expect("asks");
    let all_in_sql: Vec<Item> = reader
        .list(Kind::Ask, true, &now(), 100)
        .expect("all asks")
        .into_iter()
        .filter(|i| i.status == Status::Open)
        .collect();
    let mut by_domain = in_sql.clone();
    by_domain.sort_by_key(|i| (ask_rank(i, i.usual_reply, &now()), i.id));
    let ids = |items: &[Item]| items.iter().map(|i| i.id).collect::<Vec<_>>();
    assert_eq!(ranked.len(), 40);
    assert_eq!(ids(&in_sql), ids(&by_domain));
    assert_eq!(ids(&all_in_sql), ids(&by_domain));
    assert_eq!(ranked, ids(&by_domain));
    let (needing, count) = reader
        .asks_needing_attention_counted(&now(), 5)
        .expect("needing");
    let needing_by_domain: Vec<i64> = by_domain
        .iter()
        .filter(|i| ask_rank(i, i.usual_reply, &now()).0 < 3)
        .map(|i| i.id)
        .collect();
    assert_eq!(count, needing_by_domain.len() as u64);
    assert_eq!(ids(&needing), needing_by_domain[..5].to_vec());
    assert!(
        in_sql
            .iter()
            .any(|i| ask_rank(i, i.usual_reply, &now()).0 == 0),
        "lead-time risks exist"
    );
}

/// `person_channels` and `item_chases` (kept by triggers) against the same figures counted from
/// the items and follow-ups; returns how many person-channel rows there are.
fn person_channels_match(store: &Store) -> usize {
    item_chases_match(store);
    person_tallies_match(store);
    person_keys_match(store);
    find_index_matches(store);
    let conn = &store.conn;
    let read = |sql: &str| -> Vec<(i64, String, i64, i64)> {
        let mut stmt = conn.prepare(sql).expect("prepares");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .and_then(|rows| rows.collect())
            .expect("reads")
    };
    let kept = read(
        "SELECT person_id, channel, answered, closed FROM person_channels WHERE closed > 0 \
         ORDER BY 1, 2",
    );
    let counted = read(
        "SELECT person_id, last_via, SUM(status = 'received'), COUNT(*) FROM items \
         WHERE kind = 'ask' AND status IN ('received', 'declined', 'dropped') \
           AND last_via IS NOT NULL AND person_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2",
    );
    assert_eq!(kept, counted);
    kept.len()
}

/// `items_find` (kept by triggers) holds only open items, and with the items captures left for
/// later (`items_find_pending`) every open one; each indexed item is found by its person's name
/// and its title's words.
fn find_index_matches(store: &Store) {
    let conn = &store.conn;
    let ids = |sql: &str| -> Vec<i64> {
        let mut stmt = conn.prepare(sql).expect("prepares");
        stmt.query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .expect("reads")
    };
    let open = format!(
        "SELECT id FROM items WHERE status IN {} ORDER BY 1",
        crate::domain::item::OPEN_STATUSES_SQL
    );
    let indexed = ids("SELECT rowid FROM items_find ORDER BY 1");
    let open_ids = ids(&open);
    assert!(
        indexed.iter().all(|id| open_ids.binary_search(id).is_ok()),
        "only open items are indexed: {indexed:?} against {open_ids:?}"
    );
    let pending = ids("SELECT item_id FROM items_find_pending ORDER BY 1");
    for id in &open_ids {
        assert!(
            indexed.binary_search(id).is_ok() || pending.binary_search(id).is_ok(),
            "open item {id} is indexed or waits to be"
        );
    }
    let mut stmt = conn
        .prepare(
            &open
                .replace("SELECT id", "SELECT i.id, i.title, COALESCE(p.name, '')")
                .replace(
                    "FROM items WHERE status",
                    "FROM items i LEFT JOIN people p ON p.id = i.person_id WHERE i.status",
                ),
        )
        .expect("prepares");
    let rows: Vec<(i64, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .and_then(|rows| rows.collect())
        .expect("reads");
    let rows = rows
        .into_iter()
        .filter(|(id, _, _)| indexed.binary_search(id).is_ok());
    for (id, title, person) in rows {
        let find = super::Find::new(&format!("{person} {title}")).expect("words");
        let found = store
            .reader()
            .count_found(
                store.reader().item(id).expect("read").expect("item").kind,
                false,
                &find,
            )
            .expect("counts");
        assert!(
            found >= 1,
            "item {id} ({person}: {title}) is found by its words"
        );
    }
}

#[test]
fn a_capture_leaves_its_words_for_the_find_index_to_take_before_a_find() {
    let (_dir, mut store) = open_temp();
    let ids = |store: &Store, sql: &str| -> Vec<i64> {
        let mut stmt = store.conn.prepare(sql).expect("prepares");
        stmt.query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .expect("reads")
    };
    let pending = |store: &Store| ids(store, "SELECT item_id FROM items_find_pending ORDER BY 1");
    let found = |store: &Store, typed: &str| {
        store
            .reader()
            .count_found(Kind::Ask, false, &Find::new(typed).expect("words"))
            .expect("counts")
    };
    let quotes = capture(&mut store, "quotes for acme", "dana");
    assert_eq!(pending(&store), vec![quotes]);
    assert_eq!(
        found(&store, "acme"),
        0,
        "a capture does not write the index"
    );
    store.index_pending_finds().expect("indexes");
    assert!(pending(&store).is_empty());
    assert_eq!(found(&store, "acme"), 1);
    assert_eq!(found(&store, "dana quo"), 1);

    // Any other write takes what captures left, as the items are when it commits.
    let deck = capture(&mut store, "sales deck", "sam");
    store
        .write("edit", &now(), |w| {
            let mut item = w.reader().item(deck)?.expect("exists");
            item.title = "pricing sheet".into();
            w.save_item(&item)
        })
        .expect("edits");
    assert!(pending(&store).is_empty());
    assert_eq!(found(&store, "deck"), 0, "the old title is not indexed");
    assert_eq!(found(&store, "pricing"), 1);
    // Indexed once: closing it takes it out of the index.
    store
        .conn
        .execute(
            "UPDATE items SET status = 'received', closed_at = 1796000000 WHERE id = ?1",
            [deck],
        )
        .expect("closes");
    assert_eq!(found(&store, "pricing"), 0);

    // Items changed while they wait (closed; their person renamed) are indexed as they are.
    let closed = capture(&mut store, "case study", "lee");
    let renamed = capture(&mut store, "webinar slides", "sam");
    assert_eq!(pending(&store), vec![closed, renamed]);
    store
        .conn
        .execute_batch(&format!(
            "UPDATE items SET status = 'received', closed_at = 1796000000 WHERE id = {closed}; \
             UPDATE people SET name = 'Kim' WHERE name = 'Sam';"
        ))
        .expect("changes");
    find_index_matches(&store);
    store.index_pending_finds().expect("indexes");
    assert!(pending(&store).is_empty());
    assert_eq!(found(&store, "case study"), 0, "closed: not indexed");
    assert_eq!(found(&store, "kim webinar"), 1);
    assert_eq!(found(&store, "sam webinar"), 0);
    let open = ids(
        &store,
        "SELECT id FROM items WHERE status = 'open' ORDER BY 1",
    );
    assert_eq!(ids(&store, "SELECT rowid FROM items_find ORDER BY 1"), open);
    find_index_matches(&store);
    // Nothing left: a find changes nothing.
    let changes = |store: &Store| {
        store
            .conn
            .query_row("SELECT total_changes()", [], |r| r.get::<_, i64>(0))
            .expect("reads")
    };
    let before = changes(&store);
    store.index_pending_finds().expect("nothing to index");
    assert_eq!(changes(&store), before);
}

/// `person_keys` (kept by triggers) against every person's key and its one-letter-out spellings.
fn person_keys_match(store: &Store) {
    let conn = &store.conn;
    let mut stmt = conn
        .prepare("SELECT variant, person_id FROM person_keys ORDER BY 1, 2")
        .expect("prepares");
    let kept: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(|rows| rows.collect())
        .expect("reads");
    let mut stmt = conn
        .prepare("SELECT name_key, id FROM people")
        .expect("prepares");
    let people: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(|rows| rows.collect())
        .expect("reads");
    let mut expected: Vec<(String, i64)> = Vec::new();
    for (key, id) in people {
        let chars: Vec<char> = key.chars().collect();
        expected.push((key.clone(), id));
        for i in 0..chars.len() {
            let variant: String = chars[..i].iter().chain(&chars[i + 1..]).collect();
            expected.push((variant, id));
        }
    }
    expected.sort();
    expected.dedup();
    assert_eq!(kept, expected);
}

/// `person_tallies` (kept by triggers) against favors and critiques counted per person.
fn person_tallies_match(store: &Store) {
    let conn = &store.conn;
    let read = |sql: &str| -> Vec<(i64, i64, i64, i64, i64)> {
        let mut stmt = conn.prepare(sql).expect("prepares");
        stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .and_then(|rows| rows.collect())
        .expect("reads")
    };
    assert_eq!(
        read("SELECT person_id, gave, got, critiques, invited FROM person_tallies ORDER BY 1"),
        read(
            "SELECT id, (SELECT COUNT(*) FROM favors f WHERE f.person_id = p.id AND direction = 'gave'), \
               (SELECT COUNT(*) FROM favors f WHERE f.person_id = p.id AND direction = 'got'), \
               (SELECT COUNT(*) FROM critiques c WHERE c.person_id = p.id), \
               (SELECT COUNT(*) FROM critiques c WHERE c.person_id = p.id AND response = 'invite') \
             FROM people p WHERE EXISTS (SELECT 1 FROM favors f WHERE f.person_id = p.id) \
               OR EXISTS (SELECT 1 FROM critiques c WHERE c.person_id = p.id) ORDER BY 1"
        )
    );
}

fn item_chases_match(store: &Store) {
    let conn = &store.conn;
    let read = |sql: &str| -> Vec<(i64, String, i64)> {
        let mut stmt = conn.prepare(sql).expect("prepares");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(|rows| rows.collect())
            .expect("reads")
    };
    assert_eq!(
        read("SELECT item_id, channel, times FROM item_chases ORDER BY 1, 2"),
        read(
            "SELECT item_id, channel, COUNT(*) FROM follow_ups GROUP BY item_id, channel \
             ORDER BY 1, 2"
        )
    );
}

#[test]
fn person_channels_follow_every_change() {
    let (_dir, mut store) = open_temp();
    let mut ids = Vec::new();
    for (i, person) in ["dana", "sam", "lee", "dana", "sam", "dana"]
        .iter()
        .enumerate()
    {
        let id = capture(&mut store, &format!("ask {i}"), person);
        ids.push(id);
        let channel = [Channel::Email, Channel::Call, Channel::InPerson][i % 3];
        store
            .write("followup", &now(), |w| {
                w.add_follow_up(id, &now(), channel, "")?;
                Ok(())
            })
            .expect("follow-up");
    }
    person_channels_match(&store);
    let statuses = [
        Status::Received,
        Status::Declined,
        Status::Dropped,
        Status::Received,
    ];
    for (id, status) in ids.iter().zip(statuses) {
        store
            .write("close", &now(), |w| {
                let mut item = w.reader().item(*id)?.expect("exists");
                item.status = status;
                item.closed_at = Some(now() + chrono::Duration::hours(3));
                w.save_item(&item)
            })
            .expect("closes");
        person_channels_match(&store);
    }
    assert_eq!(
        person_channels_match(&store),
        3,
        "four closed asks: Dana twice by email, Sam, Lee"
    );
    // Reopened by undo, closed again, moved to another person.
    store
        .write("undo", &now(), |w| w.undo_last())
        .expect("undo");
    person_channels_match(&store);
    store
        .write("edit", &now(), |w| {
            let (lee, _) = w.person_for("lee")?;
            let mut item = w.reader().item(ids[0])?.expect("exists");
            item.person_id = Some(lee.id);
            w.save_item(&item)
        })
        .expect("moves");
    person_channels_match(&store);
    // Undo everything, row by row.
    while store
        .write("undo", &now(), |w| w.undo_last())
        .expect("undo")
        .is_some()
    {
        person_channels_match(&store);
    }
    // A bulk load (the demo) and an import of its export into a fresh database.
    fill_with_demo(&mut store, 2_000);
    person_channels_match(&store);
    let mut doc = store
        .reader()
        .export("now", &mut |_, _| {})
        .expect("export");
    let (_other_dir, mut other) = open_temp();
    other
        .import(&mut doc, "import", &now(), &mut |_, _| {})
        .expect("import");
    assert!(person_channels_match(&other) > 10);
    other
        .write("undo", &now(), |w| w.undo_last())
        .expect("undo import");
    assert_eq!(person_channels_match(&other), 0);
}

#[test]
fn a_stored_value_out_of_its_range_is_an_error_that_names_the_column() {
    let (_dir, mut store) = open_temp();
    let id = capture(&mut store, "quotes", "dana");
    // What another program (or a damaged file) could leave: a time no calendar holds, a channel
    // no nudge writes.
    store
        .conn
        .execute(
            "UPDATE items SET due = 99999999999999999 WHERE id = ?1",
            [id],
        )
        .expect("raw write");
    let err = store.reader().item(id).expect_err("unreadable time");
    let said = err.to_string();
    assert!(
        said.contains("column `due` holds 99999999999999999"),
        "{said}"
    );
    assert!(!said.contains("1970"), "{said}");
    // An export reads the rows as copies, on another thread: it says the same.
    let exported = store.reader().export("now", &mut |_, _| {});
    let said = exported.expect_err("unreadable time").to_string();
    assert!(
        said.contains("column `due` holds 99999999999999999"),
        "{said}"
    );
    store
        .conn
        .execute(
            "UPDATE items SET due = NULL, channel = 'pigeon' WHERE id = ?1",
            [id],
        )
        .expect("raw write");
    let said = store
        .reader()
        .item(id)
        .expect_err("unknown word")
        .to_string();
    assert!(
        said.contains(
            "column `channel` holds \"pigeon\", which is not one of email, chat, call, in_person"
        ),
        "{said}"
    );
    let exported = store.reader().export("now", &mut |_, _| {});
    let said = exported.expect_err("unknown word").to_string();
    assert!(
        said.contains(
            "column `channel` holds \"pigeon\", which is not one of email, chat, call, in_person"
        ),
        "{said}"
    );
    // A text where a number belongs names its column too.
    store
        .conn
        .execute(
            "UPDATE items SET channel = NULL, created_at = 'yesterday' WHERE id = ?1",
            [id],
        )
        .expect("raw write");
    let direct = store
        .reader()
        .item(id)
        .expect_err("a text time")
        .to_string();
    let exported = store.reader().export("now", &mut |_, _| {});
    let copied = exported.expect_err("a text time").to_string();
    assert!(direct.contains("created_at"), "{direct}");
    assert!(copied.contains("created_at"), "{copied}");
}

#[test]
fn names_near_a_typo_are_found_without_reading_every_name() {
    let (_dir, mut store) = open_temp();
    for name in ["dana", "sam", "marcus", "priya", "mara", "annabel"] {
        capture(&mut store, "hello", name);
    }
    let near = |typed: &str| {
        let mut names = store.reader().names_near(typed).expect("reads");
        names.sort();
        names
    };
    assert!(
        near("dnaa").contains(&"Dana".to_string()),
        "two letters swapped"
    );
    assert!(near("sma").contains(&"Sam".to_string()));
    assert!(
        near("marcs").contains(&"Marcus".to_string()),
        "a letter dropped"
    );
    assert!(near("priay").contains(&"Priya".to_string()));
    assert!(
        near("marc").contains(&"Marcus".to_string()),
        "the start of a name"
    );
    assert!(
        near("anabell").contains(&"Annabel".to_string()),
        "two edits in a longer name"
    );
    assert_eq!(near("zqxw"), Vec::<String>::new());
    // What the hint makes of them is the rule's, over these candidates.
    let candidates = near("dnaa");
    assert_eq!(
        crate::domain::person::likely_meant("dnaa", &candidates),
        Some("Dana")
    );
    person_keys_match(&store);
}

/// A bound value never makes SQLite compile a statement a second time (it would when the plan
/// may depend on the value, as `LIMIT ?` in a subquery): every first page would pay twice.
#[test]
fn bound_values_never_recompile_a_statement() {
    let (_dir, mut store) = open_temp();
    for i in 0..3 {
        capture(&mut store, &format!("ask {i}"), "dana");
    }
    let reader = store.reader();
    reader.asks_after_their_deadline(&now(), 40).expect("reads");
    reader.open_deadlines(40, 0).expect("reads");
    let recompiled: Vec<(String, i32)> = [
        super::items::after_their_deadline_sql(),
        super::items::deadline_rows_sql(None),
    ]
    .into_iter()
    .map(|sql| {
        let stmt = store.conn.prepare_cached(&sql).expect("cached");
        let n = stmt.get_status(rusqlite::StatementStatus::RePrepare);
        (sql, n)
    })
    .filter(|(_, n)| *n > 0)
    .collect();
    assert!(recompiled.is_empty(), "{recompiled:?}");
}

/// A sink that keeps the records, and does `at_first` when the first one comes.
struct Interrupting<F: FnMut()> {
    doc: crate::exchange::Document,
    at_first: Option<F>,
    /// Fail every write after this many records (None: never).
    fail_after: Option<usize>,
    records: usize,
}

impl<F: FnMut()> crate::exchange::Sink for Interrupting<F> {
    fn list(&mut self, name: &'static str) -> std::io::Result<()> {
        self.doc.list(name)
    }

    fn record<R: crate::exchange::Record>(&mut self, record: &R) -> std::io::Result<()> {
        if let Some(mut first) = self.at_first.take() {
            first();
        }
        self.records += 1;
        if self.fail_after.is_some_and(|after| self.records > after) {
            return Err(std::io::Error::other("the disk is full"));
        }
        self.doc.record(record)
    }

    fn end(&mut self) -> std::io::Result<()> {
        self.doc.end()
    }
}

#[test]
fn an_export_is_one_moment_whatever_is_written_meanwhile() {
    let (dir, mut store) = open_temp();
    capture(&mut store, "quotes", "dana");
    // More people than the reading may be ahead of the writing, so that the items are read
    // after the first person is written out.
    store
        .write("people", &now(), |w| {
            for n in 0..3_000 {
                w.person_for(&format!("person {n}"))?;
            }
            Ok(())
        })
        .expect("writes");
    let path = dir.path().join("nudge.db");
    // While the people are written out, another program asks Sam for something: it is not in
    // this export (its person and its ask are after the moment the export reads).
    let mut sink = Interrupting {
        doc: crate::exchange::Document::default(),
        at_first: Some(|| {
            let mut other = Store::open(&path, london()).expect("opens");
            capture(&mut other, "deck", "sam");
        }),
        fail_after: None,
        records: 0,
    };
    store
        .reader()
        .export_to(&mut sink, &mut |_, _| {})
        .expect("exports");
    let titles: Vec<&str> = sink.doc.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["quotes"]);
    assert_eq!(sink.doc.people.len(), 3_001);
    // The next export has it.
    let doc = store
        .reader()
        .export("now", &mut |_, _| {})
        .expect("exports");
    assert_eq!(doc.items.len(), 2);
    assert_eq!(doc.people.len(), 3_002);
}

#[test]
fn an_export_whose_writing_fails_stops_reading_and_says_why() {
    let (_dir, mut store) = open_temp();
    fill_with_demo(&mut store, 3_000);
    let mut sink = Interrupting {
        doc: crate::exchange::Document::default(),
        at_first: None::<fn()>,
        fail_after: Some(10),
        records: 0,
    };
    // Far more records than the reading may be ahead: it must stop, not wait for ever.
    let stopped = store.reader().export_to(&mut sink, &mut |_, _| {});
    match stopped {
        Err(super::ExportStop::Write(e)) => assert_eq!(e.to_string(), "the disk is full"),
        other => panic!("expected the write's failure, got {other:?}"),
    }
    assert_eq!(sink.records, 11);
    assert_eq!(sink.doc.len(), 10);
}

#[test]
fn a_persons_asks_are_the_latest_whatever_how_many_and_however_stored() {
    let (_dir, mut store) = open_temp();
    let dana = capture(&mut store, "first", "dana");
    let person_id = store
        .reader()
        .item(dana)
        .expect("reads")
        .and_then(|i| i.person_id)
        .expect("dana");
    // Many open and answered asks at different times, and the odd rows an old import may hold:
    // an open ask with a closed time, an answered one without.
    store
        .write("asks", &now(), |w| {
            for n in 0..120i64 {
                let mut item = ask(&format!("ask {n}"), person_id);
                item.asked_at = Some(now() - chrono::Duration::hours((n * 37) % 101));
                if n % 3 == 0 {
                    item.status = Status::Received;
                    item.closed_at = Some(now() - chrono::Duration::minutes((n * 53) % 97));
                }
                if n == 7 {
                    item.closed_at = Some(now() + chrono::Duration::hours(1));
                }
                if n == 9 {
                    item.closed_at = None;
                }
                w.insert_item(&item)?;
            }
            Ok(())
        })
        .expect("writes");
    let all = store
        .reader()
        .asks_of_person(person_id, 1_000)
        .expect("reads");
    assert_eq!(all.len(), 121);
    // The card's order, worked out from every ask.
    let mut expected = all.clone();
    expected.sort_by_key(|i| {
        (
            !i.is_open(),
            std::cmp::Reverse(i.closed_at.or(i.asked_at)),
            std::cmp::Reverse(i.id),
        )
    });
    let ids = |items: &[Item]| items.iter().map(|i| i.id).collect::<Vec<_>>();
    assert_eq!(ids(&all), ids(&expected));
    for limit in [1, 5, 15, 50] {
        let page = store
            .reader()
            .asks_of_person(person_id, limit)
            .expect("reads");
        assert_eq!(ids(&page), ids(&expected[..limit]), "limit {limit}");
    }
    // Person mode: the open ones, oldest asked first, and how many.
    let (open, total) = store
        .reader()
        .open_of_person(person_id, Kind::Ask, 10)
        .expect("reads");
    let mut oldest: Vec<&Item> = all.iter().filter(|i| i.is_open()).collect();
    oldest.sort_by_key(|i| (i.asked_at.unwrap_or(i.created_at), i.id));
    assert_eq!(total, oldest.len() as u64);
    assert_eq!(
        open.iter().map(|i| i.id).collect::<Vec<_>>(),
        oldest[..10].iter().map(|i| i.id).collect::<Vec<_>>()
    );
}

/// Every record of `T`, each made from SQLite's own row.
fn read_directly<T: super::tables::Table>(store: &Store) -> Vec<T> {
    let mut stmt = store.conn.prepare(T::SELECT).expect("prepares");
    let names = super::rows::column_names(&stmt);
    let mut rows = stmt.query([]).expect("queries");
    let mut records = Vec::new();
    while let Some(row) = rows.next().expect("steps") {
        records.push(T::read(&super::rows::Cells::new(row, store.zone, &names)).expect("reads"));
    }
    records
}

#[test]
fn an_export_holds_what_each_row_reads_as_directly() {
    let (_dir, mut store) = open_temp();
    fill_with_demo(&mut store, 2_000);
    // The export's rows are copied on another thread, their times written out there.
    let doc = store
        .reader()
        .export("now", &mut |_, _| {})
        .expect("exports");
    assert!(doc.items.len() >= 2_000 && !doc.follow_ups.is_empty());
    let direct = crate::exchange::Document {
        people: read_directly(&store),
        items: read_directly(&store),
        follow_ups: read_directly(&store),
        critiques: read_directly(&store),
        favors: read_directly(&store),
        checkins: read_directly(&store),
        sprints: read_directly(&store),
        reflections: read_directly(&store),
        ..doc.clone()
    };
    assert_eq!(doc, direct);
}
