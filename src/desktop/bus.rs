//! Desktop notifications: `org.freedesktop.Notifications.Notify` on the session bus, through
//! zbus. The connection is async; a runtime of one thread lives only as long as this value,
//! inside `nudge notify`.

use std::collections::HashMap;

use zbus::zvariant::Value;

const SERVICE: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";

/// Why nothing could be shown. Both mean "remote or service unavailable" (exit 3).
#[derive(Debug, thiserror::Error)]
pub enum BusError {
    #[error(
        "no session D-Bus to send notifications on ({0}); in a desktop session it is started \
         for you, elsewhere `nudge notify --print` writes them to standard output"
    )]
    NoBus(String),
    #[error(
        "no notification service on the session bus (a desktop's own, or dunst, mako, \
         xfce4-notifyd); `nudge notify --print` writes them to standard output"
    )]
    NoService,
    #[error("the notification service refused the notification: {0}")]
    Refused(String),
}

/// A connection to the notification service.
pub struct Notifier {
    runtime: tokio::runtime::Runtime,
    connection: zbus::Connection,
    /// The service's own name ("dunst", "Notification Daemon"), once asked.
    pub server: String,
}

impl Notifier {
    /// Connect to the session bus and make sure a notification service answers there.
    pub fn connect() -> Result<Notifier, BusError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| BusError::NoBus(e.to_string()))?;
        let connection = runtime
            .block_on(zbus::Connection::session())
            .map_err(|e| BusError::NoBus(e.to_string()))?;
        let reply = runtime.block_on(connection.call_method(
            Some(SERVICE),
            PATH,
            Some(SERVICE),
            "GetServerInformation",
            &(),
        ));
        let server = match reply {
            Ok(message) => message
                .body()
                .deserialize::<(String, String, String, String)>()
                .map(|(name, ..)| name)
                .unwrap_or_default(),
            Err(e) => return Err(service_error(e)),
        };
        Ok(Notifier {
            runtime,
            connection,
            server,
        })
    }

    /// Show one notification; the id the service gave it.
    pub fn show(&self, summary: &str, body: &str) -> Result<u32, BusError> {
        let mut hints: HashMap<&str, Value<'_>> = HashMap::new();
        hints.insert("urgency", Value::U8(1));
        hints.insert("desktop-entry", Value::from("nudge"));
        hints.insert("category", Value::from("x-nudge.reminder"));
        let actions: Vec<&str> = Vec::new();
        // -1: the service's own timeout.
        let args = (
            "nudge",
            0u32,
            "appointment-soon",
            summary,
            body,
            actions,
            hints,
            -1i32,
        );
        let reply = self
            .runtime
            .block_on(self.connection.call_method(
                Some(SERVICE),
                PATH,
                Some(SERVICE),
                "Notify",
                &args,
            ))
            .map_err(service_error)?;
        reply
            .body()
            .deserialize::<u32>()
            .map_err(|e| BusError::Refused(e.to_string()))
    }
}

fn service_error(error: zbus::Error) -> BusError {
    let name = match &error {
        zbus::Error::MethodError(name, ..) => name.as_str().to_string(),
        zbus::Error::FDO(e) => match e.as_ref() {
            zbus::fdo::Error::ServiceUnknown(_) => {
                "org.freedesktop.DBus.Error.ServiceUnknown".into()
            }
            zbus::fdo::Error::NameHasNoOwner(_) => {
                "org.freedesktop.DBus.Error.NameHasNoOwner".into()
            }
            other => other.to_string(),
        },
        _ => String::new(),
    };
    if name.ends_with("ServiceUnknown")
        || name.ends_with("NameHasNoOwner")
        || name.ends_with("UnknownObject")
    {
        BusError::NoService
    } else {
        BusError::Refused(error.to_string())
    }
}
