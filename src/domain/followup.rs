//! A logged follow-up: when an ask was chased, and how.

use serde::Serialize;

use super::channel::Channel;
use crate::when::Moment;

/// One follow-up, as an item's detail and `--json` list it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUp {
    #[serde(skip)]
    pub id: i64,
    pub uuid: String,
    #[serde(skip)]
    pub item_id: i64,
    #[serde(serialize_with = "crate::when::rfc3339")]
    pub at: Moment,
    pub channel: Channel,
    pub note: String,
}
