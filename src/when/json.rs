//! How a moment is written in JSON: RFC 3339 with the user's offset, the same everywhere (the
//! export, `--json` lists, reports).

use serde::Serializer;

use super::Moment;

pub fn rfc3339<S: Serializer>(moment: &Moment, out: S) -> Result<S::Ok, S::Error> {
    out.serialize_str(&moment.to_rfc3339())
}

pub fn rfc3339_maybe<S: Serializer>(moment: &Option<Moment>, out: S) -> Result<S::Ok, S::Error> {
    match moment {
        Some(moment) => rfc3339(moment, out),
        None => out.serialize_none(),
    }
}
