//! The remote, as the engine sees it, with what it brings checked first: a version that is not
//! readable, or that holds another program's records (Taskwarrior's, say), stops the sync before
//! anything is applied or sent, instead of being applied in part (or making the engine panic).

use async_trait::async_trait;
use taskchampion::Error;
use taskchampion::server::{
    AddVersionResult, GetVersionResult, HistorySegment, Server, Snapshot, SnapshotUrgency,
    VersionId,
};

/// The start of the error a refused version gives, so the caller can say what it means.
pub const FOREIGN: &str = "not nudge's:";
pub const DAMAGED: &str = "damaged version:";

pub struct Checked {
    pub inner: Box<dyn Server>,
}

/// Why a version from the remote is refused, if it is.
pub fn refuse(segment: &[u8]) -> Option<String> {
    let Ok(text) = std::str::from_utf8(segment) else {
        return Some(format!("{DAMAGED} it is not UTF-8 text"));
    };
    let Ok(version) = serde_json::from_str::<serde_json::Value>(text) else {
        return Some(format!("{DAMAGED} it is not JSON"));
    };
    let Some(operations) = version.get("operations").and_then(|o| o.as_array()) else {
        return Some(format!("{DAMAGED} it has no list of operations"));
    };
    for op in operations {
        let Some(update) = op.get("Update") else {
            continue;
        };
        let property = update
            .get("property")
            .and_then(|p| p.as_str())
            .unwrap_or("");
        // Every field nudge sends is JSON text; Taskwarrior's are plain words and numbers.
        if let Some(value) = update.get("value").and_then(|v| v.as_str())
            && serde_json::from_str::<serde_json::Value>(value).is_err()
        {
            return Some(format!(
                "{FOREIGN} it sets `{property}` to {:?}, which nudge never writes",
                crate::text::terminal_safe(&value.chars().take(40).collect::<String>())
            ));
        }
    }
    None
}

#[async_trait(?Send)]
impl Server for Checked {
    async fn add_version(
        &mut self,
        parent_version_id: VersionId,
        history_segment: HistorySegment,
    ) -> Result<(AddVersionResult, SnapshotUrgency), Error> {
        self.inner
            .add_version(parent_version_id, history_segment)
            .await
    }

    async fn get_child_version(
        &mut self,
        parent_version_id: VersionId,
    ) -> Result<GetVersionResult, Error> {
        let version = self.inner.get_child_version(parent_version_id).await?;
        if let GetVersionResult::Version {
            history_segment, ..
        } = &version
            && let Some(why) = refuse(history_segment)
        {
            return Err(Error::Server(why));
        }
        Ok(version)
    }

    async fn add_snapshot(
        &mut self,
        version_id: VersionId,
        snapshot: Snapshot,
    ) -> Result<(), Error> {
        self.inner.add_snapshot(version_id, snapshot).await
    }

    async fn get_snapshot(&mut self) -> Result<Option<(VersionId, Snapshot)>, Error> {
        self.inner.get_snapshot().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nudge_versions_pass_and_others_are_named() {
        let ours = br#"{"operations":[{"Create":{"uuid":"0190a0c8-0000-7000-8000-000000000001"}},
            {"Update":{"uuid":"0190a0c8-0000-7000-8000-000000000001","property":"title",
              "value":"\"quotes\"","timestamp":"2026-11-28T09:00:00Z"}},
            {"Update":{"uuid":"0190a0c8-0000-7000-8000-000000000001","property":"why",
              "value":null,"timestamp":"2026-11-28T09:00:00Z"}}]}"#;
        assert_eq!(refuse(ours), None);
        let taskwarrior =
            br#"{"operations":[{"Update":{"uuid":"0190a0c8-0000-7000-8000-000000000001",
            "property":"status","value":"pending","timestamp":"2026-11-28T09:00:00Z"}}]}"#;
        let why = refuse(taskwarrior).expect("refused");
        assert!(
            why.starts_with(FOREIGN) && why.contains("`status`"),
            "{why}"
        );
        assert!(refuse(b"\xff\xfe").expect("refused").starts_with(DAMAGED));
        assert!(
            refuse(b"{\"operations\": 3}")
                .expect("refused")
                .starts_with(DAMAGED)
        );
        assert!(refuse(b"not json").expect("refused").starts_with(DAMAGED));
    }
}
