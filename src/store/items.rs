//! Asks, deadlines and proofing invitations: writing them, and the queries the screens need.

use rusqlite::params;

use super::rows::{Cells, ITEM_COLUMNS, ITEM_FROM, item_from_row};
use super::{Reader, Result};
use crate::domain::{FollowUp, Item, Kind, Status, Vocabulary, reply};
use crate::when::Moment;

/// An open ask's place in the attention order: its rank (`domain::attention::rank_at`), then its
/// id, the order's last word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct AskPlace {
    rank: (u8, i64),
    id: i64,
}

/// A deadline with what it waits on.
#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineRow {
    pub item: Item,
    /// Open asks linked to it.
    pub open_asks: u32,
    /// Of those, the ones whose need-by is after the deadline itself.
    pub late_asks: u32,
}

/// A proofing invitation with the critique it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ProofingRow {
    pub item: Item,
    pub said: Option<String>,
}

/// The figures of the dashboard's header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub open_asks: u32,
    pub to_chase: u32,
    pub deadlines: u32,
    pub deadlines_soon: u32,
    pub proofing: u32,
}

/// The attention order of open asks, as SQL over item alias `a`, with ?1 the time now and
/// `median` the SQL of the person's usual reply time. Mirrors `domain::attention::ask_rank`: 0
/// need-by sooner than the person usually answers, 1 check-back due, 2 need-by within a day (or
/// past), 3 the rest by next check. Rank and time are one key, `rank * RANK_STEP + time`, so
/// each row's rank is worked out once and rows are sorted on one value.
pub(super) fn attention_order(a: &str, median: &str) -> String {
    format!(
        "CASE WHEN {} THEN {a}.need_by \
              WHEN {a}.next_check <= ?1 THEN {RANK_STEP} + {a}.next_check \
              WHEN {a}.need_by <= ?1 + 86400 THEN {RANK_STEP} * 2 + {a}.need_by \
              ELSE {RANK_STEP} * 3 + COALESCE({a}.next_check, {a}.need_by, {NO_TIME}) END, \
         {a}.id",
        lead_risk(a, median)
    )
}

/// Rank 0: the ask's need-by (item alias `a`) is ahead, but sooner than the person usually
/// answers (`median`).
fn lead_risk(a: &str, median: &str) -> String {
    format!("{a}.need_by > ?1 AND {a}.need_by - ?1 < {median}")
}

/// The usual reply time of the person of item alias `a`, looked up only where the order needs
/// it (an ask with a need-by still ahead), not joined to every open ask.
fn median_of(a: &str) -> String {
    format!("(SELECT reply_median_secs FROM people WHERE id = {a}.person_id)")
}

/// Apart enough that no two ranks' times meet: every time chrono can hold is within ±2^43
/// seconds of 1970 (±262,143 years).
const RANK_STEP: i64 = 1 << 45;

/// An ask with neither check-back nor need-by comes last in its rank: later than any time.
const NO_TIME: i64 = 1 << 44;

/// The order `list` shows items of a kind in (open ones only unless `all`).
pub(super) fn list_order(kind: Kind, all: bool) -> String {
    match kind {
        Kind::Ask if !all => attention_order("i", "p.reply_median_secs"),
        Kind::Ask => format!(
            "i.status <> 'open', {}",
            attention_order("i", "p.reply_median_secs")
        ),
        Kind::Deadline => "i.status <> 'open', i.due IS NULL, i.due, i.id".to_string(),
        Kind::Proofing => "i.created_at, i.id".to_string(),
    }
}

/// The open proofing statuses, as SQL.
const OPEN_PROOFING: &str = "('to_send', 'sent', 'accepted')";

/// When an item was asked for (an invitation, never asked, when it was made): the last column
/// of `items_person`, spelled as the index spells it so that SQLite walks the index for it.
const ASKED: &str = "COALESCE(asked_at, created_at)";

/// `AND` the item (alias `i`) is one the find's index query (?4) finds; nothing without a find
/// (?4 is then NULL and unused).
fn found_condition(find: Option<&super::Find>) -> &'static str {
    match find {
        Some(_) => "AND i.id IN (SELECT rowid FROM items_find WHERE items_find MATCH ?4)",
        None => "AND ?4 IS NULL",
    }
}

/// The condition that keeps only open items (alias `i`): an ask is open while it waits, the
/// others while their status is one of the open ones.
pub(super) fn open_only(kind: Kind) -> String {
    match kind {
        Kind::Ask => "AND i.status = 'open'".to_string(),
        _ => format!("AND i.status IN {}", crate::domain::item::OPEN_STATUSES_SQL),
    }
}

/// Whether the open ask (alias `a`, ?1 now) needs attention now: ranks 0 to 2.
fn needs_attention() -> String {
    format!(
        "(a.next_check <= ?1 OR a.need_by <= ?1 + 86400 OR ({}))",
        lead_risk("a", &median_of("a"))
    )
}

/// The page of `asks_after_their_deadline` (?1 now, ?2 how many).
pub(super) fn after_their_deadline_sql() -> String {
    format!(
        "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE i.id IN (SELECT a.id {} \
           ORDER BY d.due, a.id LIMIT ?2) \
         ORDER BY (SELECT due FROM items d WHERE d.id = i.deadline_id), i.id",
        after_their_deadline_from()
    )
}

/// Open asks whose need-by comes after the due time of the open deadline they feed, soonest
/// deadline first, that do not need attention for another reason (?1 now). Found from the open
/// deadlines, which are few, through the index of the open asks that feed one: never through the
/// asks of closed deadlines, nor closed asks.
fn after_their_deadline_from() -> String {
    format!(
        "FROM items d INDEXED BY items_open_deadlines \
         CROSS JOIN items a INDEXED BY items_open_asks_by_deadline ON a.deadline_id = d.id \
         WHERE d.kind = 'deadline' AND d.status = 'open' \
           AND a.kind = 'ask' AND a.status = 'open' AND a.deadline_id IS NOT NULL \
           AND a.need_by > d.due AND NOT COALESCE({}, 0)",
        needs_attention()
    )
}

/// One window of open asks in attention order (?1 now, ?2 limit, ?3 offset). The window is
/// chosen on the covering index alone; only its rows are then read whole.
pub(super) fn open_asks_sql() -> String {
    let page = format!(
        "SELECT a.id FROM items a INDEXED BY items_open_asks \
         WHERE a.kind = 'ask' AND a.status = 'open' ORDER BY {} LIMIT ?2 OFFSET ?3",
        attention_order("a", &median_of("a"))
    );
    rows_of_page("", &page, &attention_order("i", "p.reply_median_secs"))
}

/// The whole rows (with `extra` columns) of the ids `page` picks, in `order`. `page` orders and
/// cuts on an index alone: sorting whole rows would compute every column, follow-up lookups and
/// counts included, for every candidate before the page is cut.
fn rows_of_page(extra: &str, page: &str, order: &str) -> String {
    format!("SELECT {ITEM_COLUMNS}{extra} FROM {ITEM_FROM} WHERE i.id IN ({page}) ORDER BY {order}")
}

/// A page of open deadlines, soonest first (?1 limit, ?2 offset, ?3 due by or NULL, ?4 the find
/// or NULL), with their open asks counted. The page is chosen on the open deadlines' index
/// (`rows_of_page`: sorting whole rows was 5.6M instructions of the first frame at a million
/// items). The counts read the open asks that feed a deadline from their own index.
pub(super) fn deadline_rows_sql(find: Option<&super::Find>) -> String {
    let open_asks_of_i = "FROM items a INDEXED BY items_open_asks_by_deadline \
         WHERE a.deadline_id = i.id AND a.kind = 'ask' AND a.status = 'open' \
           AND a.deadline_id IS NOT NULL";
    let counts = format!(
        ", (SELECT COUNT(*) {open_asks_of_i}) AS open_asks, \
         (SELECT COUNT(*) {open_asks_of_i} AND a.need_by > i.due) AS late_asks"
    );
    let order = "i.due IS NULL, i.due, i.id";
    let page = format!(
        "SELECT i.id FROM items i INDEXED BY items_open_deadlines \
         WHERE i.kind = 'deadline' AND i.status = 'open' AND (?3 IS NULL OR i.due <= ?3) {} \
         ORDER BY {order} LIMIT ?1 OFFSET ?2",
        found_condition(find)
    );
    rows_of_page(&counts, &page, order)
}

/// A person's latest reply times in seconds: ?1 the person, ?2 how many.
pub(super) const REPLY_TIMES: &str = "SELECT closed_at - asked_at AS took FROM items \
     WHERE person_id = ?1 AND kind = 'ask' AND status = 'received' \
       AND closed_at IS NOT NULL AND asked_at IS NOT NULL \
     ORDER BY closed_at DESC LIMIT ?2";

/// The median of those, in SQL (NULL without any): the middle one, or the mean of the two in the
/// middle. `domain::reply::median` is the same rule, and a test keeps them equal.
pub(super) const REPLY_MEDIAN: &str = "WITH recent AS (SELECT closed_at - asked_at AS took FROM items \
       WHERE person_id = ?1 AND kind = 'ask' AND status = 'received' \
         AND closed_at IS NOT NULL AND asked_at IS NOT NULL \
       ORDER BY closed_at DESC LIMIT ?2), \
     ranked AS (SELECT took, ROW_NUMBER() OVER (ORDER BY took) AS n, COUNT(*) OVER () AS total FROM recent) \
     SELECT CAST(AVG(took) AS INTEGER) FROM ranked WHERE n IN ((total + 1) / 2, (total + 2) / 2)";

impl Reader<'_> {
    pub fn item(&self, id: i64) -> Result<Option<Item>> {
        let sql = format!("SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE i.id = ?1");
        self.row(&sql, [id], item_from_row)
    }

    pub(super) fn items(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Item>> {
        self.rows(sql, params, item_from_row)
    }

    /// Open asks in attention order, one window of them. SQL sorts for a window: it keeps only
    /// the window's rows while it sorts, where ranking every open ask here read each one out
    /// (1.7M more instructions for `list` at a million items).
    pub fn open_asks(&self, now: &Moment, limit: usize, offset: usize) -> Result<Vec<Item>> {
        self.items(
            &open_asks_sql(),
            params![now.timestamp(), limit as i64, offset as i64],
        )
    }

    /// The ids of every open ask in attention order, read from the covering index alone: a
    /// scrolling list keeps them and then reads only the rows it shows (`items_by_ids`).
    pub fn open_ask_ids(&self, now: &Moment) -> Result<Vec<i64>> {
        Ok(self
            .open_asks_in_order(now)?
            .into_iter()
            .map(|place| place.id)
            .collect())
    }

    /// Every open ask's place in the attention order, most urgent first. Read from the covering
    /// index in one pass (the person's usual reply time looked up only for an ask whose need-by
    /// is still ahead) and ranked by `domain::attention`, so a page and its count come from the
    /// same pass instead of two sorts in SQL.
    fn open_asks_in_order(&self, now: &Moment) -> Result<Vec<AskPlace>> {
        let sql = format!(
            "SELECT a.id, a.next_check, a.need_by, \
               CASE WHEN a.need_by > ?1 THEN {} END AS usual_reply \
             FROM items a INDEXED BY items_open_asks WHERE a.kind = 'ask' AND a.status = 'open'",
            median_of("a")
        );
        let now_s = now.timestamp();
        let mut places = self.rows(&sql, [now_s], |r| {
            // In the statement's order, so each name is found at the first look.
            let id = r.get("id")?;
            let check = r.get("next_check")?;
            let need_by = r.get("need_by")?;
            let usual = r.get("usual_reply")?;
            Ok(AskPlace {
                rank: crate::domain::attention::rank_at(need_by, check, usual, now_s),
                id,
            })
        })?;
        places.sort_unstable();
        Ok(places)
    }

    /// These items, in this order (ids that no longer exist are left out).
    pub fn items_by_ids(&self, ids: &[i64]) -> Result<Vec<Item>> {
        let list = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE i.id IN (SELECT value FROM json_each(?1))"
        );
        let mut items = self.items(&sql, [list])?;
        let place: std::collections::HashMap<i64, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        items.sort_by_key(|item| place.get(&item.id).copied());
        Ok(items)
    }

    /// Open asks that need attention now (rank 0 to 2), most urgent first.
    pub fn asks_needing_attention(&self, now: &Moment, limit: usize) -> Result<Vec<Item>> {
        Ok(self.asks_needing_attention_counted(now, limit)?.0)
    }

    /// The first `limit` open asks that need attention now, and how many need it in all.
    pub fn asks_needing_attention_counted(
        &self,
        now: &Moment,
        limit: usize,
    ) -> Result<(Vec<Item>, u64)> {
        let needing: Vec<i64> = self
            .open_asks_in_order(now)?
            .into_iter()
            .take_while(|place| place.rank.0 < 3)
            .map(|place| place.id)
            .collect();
        let page = &needing[..limit.min(needing.len())];
        Ok((self.items_by_ids(page)?, needing.len() as u64))
    }

    /// The page of `after_their_deadline_from`.
    pub fn asks_after_their_deadline(&self, now: &Moment, limit: usize) -> Result<Vec<Item>> {
        self.items(
            &after_their_deadline_sql(),
            params![now.timestamp(), limit as i64],
        )
    }

    pub fn count_asks_after_their_deadline(&self, now: &Moment) -> Result<u64> {
        let sql = format!("SELECT COUNT(*) {}", after_their_deadline_from());
        self.count(&sql, [now.timestamp()])
    }

    /// Open deadlines, soonest first, with their open asks counted.
    pub fn open_deadlines(&self, limit: usize, offset: usize) -> Result<Vec<DeadlineRow>> {
        self.deadline_rows(None, limit, offset, None)
    }

    /// The open deadlines a find (`/`) finds, in the Deadlines pane's order.
    pub fn found_deadlines(
        &self,
        find: &super::Find,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<DeadlineRow>> {
        self.deadline_rows(None, limit, offset, Some(find))
    }

    /// The open deadline with this title (any case), the soonest if several: a critique `on "Q4
    /// launch deck"` means that deadline when there is one.
    pub fn open_deadline_titled(&self, title: &str) -> Result<Option<i64>> {
        self.maybe_value(
            "SELECT id FROM items WHERE kind = 'deadline' AND status = 'open' \
             AND title = ?1 COLLATE NOCASE ORDER BY due IS NULL, due, id LIMIT 1",
            [title.trim()],
        )
    }

    /// Open deadlines due by `until` (overdue ones too), soonest first.
    pub fn deadlines_due_by(&self, until: &Moment, limit: usize) -> Result<Vec<DeadlineRow>> {
        self.deadline_rows(Some(until.timestamp()), limit, 0, None)
    }

    fn deadline_rows(
        &self,
        until: Option<i64>,
        limit: usize,
        offset: usize,
        find: Option<&super::Find>,
    ) -> Result<Vec<DeadlineRow>> {
        let query = find.map(|f| f.query().to_string());
        self.rows(
            &deadline_rows_sql(find),
            params![limit as i64, offset as i64, until, query],
            |r| {
                Ok(DeadlineRow {
                    item: item_from_row(r)?,
                    open_asks: r.count("open_asks")?,
                    late_asks: r.count("late_asks")?,
                })
            },
        )
    }

    /// Open proofing invitations, those still to send first, oldest first.
    pub fn open_proofing(&self, limit: usize, offset: usize) -> Result<Vec<ProofingRow>> {
        self.proofing_rows(OPEN_PROOFING, limit, offset, None)
    }

    /// The open proofing invitations a find (`/`) finds, in the Proofing pane's order.
    pub fn found_proofing(
        &self,
        find: &super::Find,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<ProofingRow>> {
        self.proofing_rows(OPEN_PROOFING, limit, offset, Some(find))
    }

    /// Invitations still to send, oldest first.
    pub fn proofing_to_send(&self, limit: usize) -> Result<Vec<ProofingRow>> {
        self.proofing_rows("('to_send')", limit, 0, None)
    }

    /// `statuses` is one of the two SQL lists above, never input.
    fn proofing_rows(
        &self,
        statuses: &str,
        limit: usize,
        offset: usize,
        find: Option<&super::Find>,
    ) -> Result<Vec<ProofingRow>> {
        let found = found_condition(find).replace("?4", "?3");
        // The page is chosen on the open invitations' index (its condition word for word, so
        // the planner may use it).
        let order = "CASE i.status WHEN 'to_send' THEN 0 WHEN 'accepted' THEN 1 ELSE 2 END, \
                     i.created_at, i.id";
        let page = format!(
            "SELECT i.id FROM items i INDEXED BY items_open_proofing \
             WHERE i.kind = 'proofing' AND i.status IN {OPEN_PROOFING} \
               AND i.status IN {statuses} {found} \
             ORDER BY {order} LIMIT ?1 OFFSET ?2"
        );
        let sql = rows_of_page(
            ", (SELECT c.said FROM critiques c WHERE c.proofing_id = i.id LIMIT 1) AS said",
            &page,
            order,
        );
        let query = find.map(|f| f.query().to_string());
        self.rows(&sql, params![limit as i64, offset as i64, query], |r| {
            Ok(ProofingRow {
                item: item_from_row(r)?,
                said: r.get("said")?,
            })
        })
    }

    /// Every item of a kind (open ones only unless `all`), newest activity first for closed ones.
    pub fn list(&self, kind: Kind, all: bool, now: &Moment, limit: usize) -> Result<Vec<Item>> {
        if kind == Kind::Ask && !all {
            return self.open_asks(now, limit, 0);
        }
        let open_only = if all { String::new() } else { open_only(kind) };
        let order = list_order(kind, all);
        // Asks and deadlines list the open ones first: those alone are read (and sorted) for a
        // page they fill; only a page that reaches past them reads and sorts the closed ones,
        // in the same order as one statement over both.
        let opens_first = all && matches!(kind, Kind::Ask | Kind::Deadline);
        let part = |which: &str, limit: usize| -> Result<Vec<Item>> {
            let sql = format!(
                "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE i.kind = ?2 {which} ORDER BY {order} LIMIT ?3"
            );
            self.items(&sql, params![now.timestamp(), kind.as_str(), limit as i64])
        };
        if !opens_first {
            return part(&open_only, limit);
        }
        let mut items = part("AND i.status = 'open'", limit)?;
        if items.len() < limit {
            items.extend(part("AND i.status <> 'open'", limit - items.len())?);
        }
        Ok(items)
    }

    /// How many items of a kind there are (open ones only unless `all`).
    pub fn count_items(&self, kind: Kind, all: bool) -> Result<u64> {
        if kind == Kind::Ask && !all {
            // The open asks' own index, not every ask's row.
            return self.count(
                "SELECT COUNT(*) FROM items INDEXED BY items_open_asks \
                 WHERE kind = 'ask' AND status = 'open'",
                [],
            );
        }
        let open_only = if all {
            String::new()
        } else {
            format!("AND status IN {}", crate::domain::item::OPEN_STATUSES_SQL)
        };
        let sql = format!("SELECT COUNT(*) FROM items WHERE kind = ?1 {open_only}");
        self.count(&sql, [kind.as_str()])
    }

    /// How many open deadlines are due by `until` (overdue ones too).
    pub fn count_deadlines_due_by(&self, until: &Moment) -> Result<u64> {
        self.count(
            "SELECT COUNT(*) FROM items INDEXED BY items_open_deadlines \
             WHERE kind = 'deadline' AND status = 'open' AND due <= ?1",
            [until.timestamp()],
        )
    }

    /// How many proofing invitations are still to send.
    pub fn count_proofing_to_send(&self) -> Result<u64> {
        self.count(
            // The index's own condition, word for word, so the planner may use it.
            "SELECT COUNT(*) FROM items INDEXED BY items_open_proofing \
             WHERE kind = 'proofing' AND status IN ('to_send', 'sent', 'accepted') \
               AND status = 'to_send'",
            [],
        )
    }

    /// Asks linked to a deadline, open first.
    pub fn asks_for_deadline(&self, deadline_id: i64) -> Result<Vec<Item>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE i.deadline_id = ?1 AND i.kind = 'ask' \
             ORDER BY i.status <> 'open', i.need_by, i.id"
        );
        self.items(&sql, [deadline_id])
    }

    /// A person's asks, open first (the latest asked), then the latest closed. The candidates
    /// are walked on `items_person` in its order (at most `limit` of each status), so someone
    /// with ten thousand answered or open asks costs what one with ten does; only the rows shown
    /// are read whole.
    pub fn asks_of_person(&self, person_id: i64, limit: usize) -> Result<Vec<Item>> {
        // Every status a stored ask may carry, so none is left out. Within a status the index
        // holds the asks with no closed time (an open one has none) in ask-time order, then the
        // others in closed-time order: the card's own order, each half walked only as far as
        // `limit` (an open ask with a closed time, as an old import may hold, is sorted).
        let candidates: Vec<String> = <Status as Vocabulary>::ALL
            .iter()
            .flat_map(|status| {
                ["IS NULL", "IS NOT NULL"].map(|closed| {
                    format!(
                        "SELECT id FROM (SELECT id FROM items INDEXED BY items_person \
                         WHERE person_id = ?1 AND kind = 'ask' AND status = '{}' \
                         AND closed_at {closed} ORDER BY closed_at DESC, {ASKED} DESC, id DESC \
                         LIMIT ?2)",
                        status.as_str()
                    )
                })
            })
            .collect();
        let candidates = candidates.join(" UNION ALL ");
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE i.id IN ({candidates}) \
             ORDER BY i.status <> 'open', COALESCE(i.closed_at, i.asked_at) DESC, i.id DESC LIMIT ?2"
        );
        self.items(&sql, params![person_id, limit as i64])
    }

    /// A person's open asks or invitations, oldest first (at most `limit`), and how many there
    /// are: what person mode goes through with them. The candidates are walked on
    /// `items_person` in its order, at most `limit` of each open status.
    pub fn open_of_person(
        &self,
        person_id: i64,
        kind: Kind,
        limit: usize,
    ) -> Result<(Vec<Item>, u64)> {
        const OPEN: [&str; 4] = ["open", "to_send", "sent", "accepted"];
        let candidates: Vec<String> = OPEN
            .iter()
            .flat_map(|status| {
                ["IS NULL", "IS NOT NULL"].map(|closed| {
                    format!(
                        "SELECT id FROM (SELECT id FROM items INDEXED BY items_person \
                         WHERE person_id = ?1 AND kind = ?2 AND status = '{status}' \
                         AND closed_at {closed} ORDER BY {ASKED}, id LIMIT ?3)"
                    )
                })
            })
            .collect();
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE i.id IN ({}) \
             ORDER BY COALESCE(i.asked_at, i.created_at), i.id LIMIT ?3",
            candidates.join(" UNION ALL ")
        );
        let items = self.items(&sql, params![person_id, kind.as_str(), limit as i64])?;
        let total = if items.len() < limit {
            items.len() as u64
        } else {
            let open = OPEN.map(|s| format!("'{s}'")).join(", ");
            self.count(
                &format!(
                    "SELECT COUNT(*) FROM items INDEXED BY items_person \
                     WHERE person_id = ?1 AND kind = ?2 AND status IN ({open})"
                ),
                params![person_id, kind.as_str()],
            )?
        };
        Ok((items, total))
    }

    pub fn follow_ups(&self, item_id: i64) -> Result<Vec<FollowUp>> {
        self.rows(
            "SELECT id, uuid, item_id, at, channel, note FROM follow_ups WHERE item_id = ?1 ORDER BY at, id",
            [item_id],
            follow_up_from_row,
        )
    }

    /// An item's latest `limit` follow-ups, the oldest of them first.
    pub fn latest_follow_ups(&self, item_id: i64, limit: usize) -> Result<Vec<FollowUp>> {
        self.rows(
            "SELECT * FROM (SELECT id, uuid, item_id, at, channel, note FROM follow_ups \
               WHERE item_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2) ORDER BY at, id",
            params![item_id, limit as i64],
            follow_up_from_row,
        )
    }

    /// The header's figures.
    /// Each count walks only the open rows' partial index (the planner would pick
    /// items_kind_status and look up every row in the table for the time ranges).
    pub fn counts(&self, now: &Moment) -> Result<Counts> {
        let counts = self.row(
            "SELECT \
               (SELECT COUNT(*) FROM items INDEXED BY items_open_asks WHERE kind = 'ask' AND status = 'open') AS open_asks, \
               (SELECT COUNT(*) FROM items INDEXED BY items_open_asks WHERE kind = 'ask' AND status = 'open' AND next_check <= ?1) AS to_chase, \
               (SELECT COUNT(*) FROM items INDEXED BY items_open_deadlines WHERE kind = 'deadline' AND status = 'open') AS deadlines, \
               (SELECT COUNT(*) FROM items INDEXED BY items_open_deadlines WHERE kind = 'deadline' AND status = 'open' AND due <= ?1 + 86400) AS deadlines_soon, \
               (SELECT COUNT(*) FROM items INDEXED BY items_open_proofing WHERE kind = 'proofing' AND status IN ('to_send', 'sent', 'accepted')) AS proofing",
            [now.timestamp()],
            |r| {
                Ok(Counts {
                    open_asks: r.count("open_asks")?,
                    to_chase: r.count("to_chase")?,
                    deadlines: r.count("deadlines")?,
                    deadlines_soon: r.count("deadlines_soon")?,
                    proofing: r.count("proofing")?,
                })
            },
        )?;
        Ok(counts.unwrap_or_default())
    }

    /// Whether anything at all has been captured (for the first-run screen).
    pub fn is_empty(&self) -> Result<bool> {
        self.value(
            "SELECT NOT EXISTS (SELECT 1 FROM items) AND NOT EXISTS (SELECT 1 FROM people)",
            [],
        )
    }

    /// A person's usual time to answer: the median over their latest answered asks.
    pub fn reply_median(&self, person_id: i64) -> Result<Option<chrono::Duration>> {
        let secs: Option<i64> = self.value(
            REPLY_MEDIAN,
            params![person_id, reply::RECENT_ANSWERS as i64],
        )?;
        Ok(secs.map(|s| chrono::Duration::seconds(s.max(0))))
    }

    /// How long a person took to answer their latest asks, newest first.
    pub fn reply_times(&self, person_id: i64) -> Result<Vec<chrono::Duration>> {
        let took = self.rows(
            REPLY_TIMES,
            params![person_id, reply::RECENT_ANSWERS as i64],
            |r| r.get::<i64>("took"),
        )?;
        Ok(took
            .into_iter()
            .map(|s| chrono::Duration::seconds(s.max(0)))
            .collect())
    }
}

pub(super) fn follow_up_from_row(r: &Cells<'_, '_>) -> rusqlite::Result<FollowUp> {
    Ok(FollowUp {
        id: r.get("id")?,
        uuid: r.get("uuid")?,
        item_id: r.get("item_id")?,
        at: r.time("at")?,
        channel: r.word("channel")?,
        note: r.get("note")?,
    })
}
