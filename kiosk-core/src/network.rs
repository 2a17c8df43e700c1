//! What the technician sees about this terminal on the wizard's network step, before any
//! portal is involved: the terminal's device id (as the portal's `devices` command and the
//! dashboard's monitoring show it) and each network interface but loopback, with its link
//! state and its IPv4 and IPv6 addresses.
//!
//! The link state comes from sysfs (`/sys/class/net/<interface>/operstate` and `carrier`,
//! read by [`link_state`]), the addresses from `getifaddrs` (the `if-addrs` crate).
//!
//! [`network_facts`] and [`interfaces`] block on file reads and may create the device key:
//! call them off the UI thread, as the wizard runs [`crate::sync::check_network`] on its
//! `kiosk-job` thread, and hand the answer (it is `Send`) back to the UI thread.
//!
//! [`interfaces_in`] takes the sysfs directory and the addresses as parameters, so a test can
//! build its own tree.

use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use crate::device_key::{DeviceKey, DeviceKeyError};

/// Where Linux lists the network interfaces.
pub const SYS_CLASS_NET: &str = "/sys/class/net";

/// `IFF_LOOPBACK` in an interface's `flags`.
const IFF_LOOPBACK: u32 = 0x8;

/// What the network step shows about this terminal.
#[derive(Debug)]
pub struct NetworkFacts {
    /// The device id: 16 symbols of base32, the fingerprint of the device key, the same before
    /// and after enrolment.
    pub device_id: String,
    /// Every interface but loopback, by name; or why they could not be listed.
    pub interfaces: Result<Vec<Interface>, NetworkError>,
}

/// One network interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    /// The kernel's name for it, e.g. `eth0`, `enp1s0`, `wlan0`.
    pub name: String,
    pub link: LinkState,
    /// Its IPv4 addresses, then its IPv6 addresses, each in the order the kernel gives them.
    pub addresses: Vec<Address>,
}

/// An address of an interface with the length of its network prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Address {
    pub ip: IpAddr,
    pub prefix_len: u8,
}

impl fmt::Display for Address {
    /// `192.168.1.20/24`, `fe80::1/64`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.ip, self.prefix_len)
    }
}

/// Whether an interface can carry traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    /// Switched on and connected.
    Up,
    /// Switched off, or not working for another reason.
    Down,
    /// Switched on, but no link: no cable for Ethernet, not associated for Wi-Fi.
    NoCable,
}

impl LinkState {
    /// `up`, `down` or `no cable`.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkState::Up => "up",
            LinkState::Down => "down",
            LinkState::NoCable => "no cable",
        }
    }
}

impl fmt::Display for LinkState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    #[error("cannot list the network interfaces in {path}: {source}")]
    Sysfs {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read the interfaces' addresses: {0}")]
    Addresses(std::io::Error),
}

/// The link state from the text of sysfs `operstate` and `carrier`; `carrier` is `None` when
/// it cannot be read, as for an interface that is switched off (the kernel answers EINVAL).
pub fn link_state(operstate: &str, carrier: Option<&str>) -> LinkState {
    match (operstate.trim(), carrier.map(str::trim)) {
        (_, None) => LinkState::Down,
        (_, Some("0")) => LinkState::NoCable,
        // Tunnels and some drivers never report `up`, only `unknown` with a carrier.
        ("up" | "unknown", Some("1")) => LinkState::Up,
        _ => LinkState::Down,
    }
}

/// Whether sysfs `flags` (hexadecimal, `0x1003`) mark a loopback interface.
pub fn is_loopback(flags: &str) -> bool {
    let flags = flags.trim();
    let digits = flags
        .strip_prefix("0x")
        .or_else(|| flags.strip_prefix("0X"))
        .unwrap_or(flags);
    u32::from_str_radix(digits, 16).is_ok_and(|flags| flags & IFF_LOOPBACK != 0)
}

/// The device id and the interfaces of this machine. Loads the device key from `data_dir`,
/// creating it if there is none yet (it is the key enrolment will use); fails only when the
/// key cannot be read or created. Blocking: see the module's documentation.
pub fn network_facts(data_dir: &Path) -> Result<NetworkFacts, DeviceKeyError> {
    let key = DeviceKey::load_or_create(data_dir)?;
    Ok(NetworkFacts {
        device_id: key.device_id().to_owned(),
        interfaces: interfaces(),
    })
}

/// This machine's interfaces but loopback, from [`SYS_CLASS_NET`] and `getifaddrs`.
pub fn interfaces() -> Result<Vec<Interface>, NetworkError> {
    let addresses = if_addrs::get_if_addrs()
        .map_err(NetworkError::Addresses)?
        .into_iter()
        .map(|interface| {
            let prefix_len = match &interface.addr {
                if_addrs::IfAddr::V4(v4) => v4.prefixlen,
                if_addrs::IfAddr::V6(v6) => v6.prefixlen,
            };
            let address = Address {
                ip: interface.ip(),
                prefix_len,
            };
            (interface.name, address)
        })
        .collect::<Vec<_>>();
    interfaces_in(Path::new(SYS_CLASS_NET), &addresses)
}

/// The interfaces listed in `sys_class_net` (a directory laid out as `/sys/class/net`) but
/// loopback, sorted by name, each with the `addresses` given for its name. A file of an
/// interface that cannot be read counts as empty: such an interface shows as down.
pub fn interfaces_in(
    sys_class_net: &Path,
    addresses: &[(String, Address)],
) -> Result<Vec<Interface>, NetworkError> {
    let listing_failed = |source| NetworkError::Sysfs {
        path: sys_class_net.to_owned(),
        source,
    };
    let mut interfaces = Vec::new();
    for entry in std::fs::read_dir(sys_class_net).map_err(listing_failed)? {
        let entry = entry.map_err(listing_failed)?;
        let dir = entry.path();
        let read = |file: &str| std::fs::read_to_string(dir.join(file)).ok();
        if read("flags").is_some_and(|flags| is_loopback(&flags)) {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let mut own: Vec<Address> = addresses
            .iter()
            .filter(|(owner, _)| *owner == name)
            .map(|(_, address)| *address)
            .collect();
        own.sort_by_key(|address| address.ip.is_ipv6());
        interfaces.push(Interface {
            link: link_state(
                read("operstate").as_deref().unwrap_or_default(),
                read("carrier").as_deref(),
            ),
            addresses: own,
            name,
        });
    }
    interfaces.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(interfaces)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    #[test]
    fn sysfs_values_read_as_up_down_or_no_cable() {
        assert_eq!(link_state("up\n", Some("1\n")), LinkState::Up);
        assert_eq!(link_state("unknown\n", Some("1\n")), LinkState::Up);
        assert_eq!(link_state("down\n", Some("0\n")), LinkState::NoCable);
        assert_eq!(link_state("dormant\n", Some("0\n")), LinkState::NoCable);
        assert_eq!(link_state("down\n", None), LinkState::Down);
        assert_eq!(link_state("lowerlayerdown\n", Some("1\n")), LinkState::Down);
        assert_eq!(link_state("", Some("1")), LinkState::Down);
        assert_eq!(LinkState::NoCable.to_string(), "no cable");

        assert!(is_loopback("0x9\n"));
        assert!(!is_loopback("0x1003\n"));
        assert!(!is_loopback("0x82"));
        assert!(!is_loopback("nonsense"));
    }

    fn fake_interface(root: &Path, name: &str, files: &[(&str, &str)]) {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).expect("interface dir");
        for (file, text) in files {
            std::fs::write(dir.join(file), format!("{text}\n")).expect("sysfs file");
        }
    }

    #[test]
    fn a_fake_sysfs_tree_gives_each_interface_but_loopback_with_its_addresses() {
        let root = tempfile::tempdir().expect("temp dir");
        let net = root.path();
        fake_interface(
            net,
            "lo",
            &[("flags", "0x9"), ("operstate", "unknown"), ("carrier", "1")],
        );
        fake_interface(
            net,
            "eth0",
            &[("flags", "0x1003"), ("operstate", "up"), ("carrier", "1")],
        );
        fake_interface(
            net,
            "enp2s0",
            &[("flags", "0x1003"), ("operstate", "down"), ("carrier", "0")],
        );
        // Switched off: the kernel refuses to read `carrier`, so the file is missing here.
        fake_interface(net, "wlan0", &[("flags", "0x1002"), ("operstate", "down")]);
        let v4 = Address {
            ip: IpAddr::V4(Ipv4Addr::new(192, 168, 1, 20)),
            prefix_len: 24,
        };
        let v6 = Address {
            ip: IpAddr::V6(Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1)),
            prefix_len: 64,
        };
        let lo = Address {
            ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            prefix_len: 8,
        };
        let addresses = [
            ("lo".to_owned(), lo),
            ("eth0".to_owned(), v6),
            ("eth0".to_owned(), v4),
        ];

        let found = interfaces_in(net, &addresses).expect("interfaces");
        assert_eq!(
            found,
            [
                Interface {
                    name: "enp2s0".into(),
                    link: LinkState::NoCable,
                    addresses: vec![],
                },
                Interface {
                    name: "eth0".into(),
                    link: LinkState::Up,
                    addresses: vec![v4, v6],
                },
                Interface {
                    name: "wlan0".into(),
                    link: LinkState::Down,
                    addresses: vec![],
                },
            ]
        );
        assert_eq!(v4.to_string(), "192.168.1.20/24");
        assert_eq!(v6.to_string(), "fe80::1/64");

        let missing = interfaces_in(&net.join("absent"), &[]).expect_err("no such directory");
        assert!(missing.to_string().contains("absent"), "{missing}");
    }

    #[test]
    fn this_machines_interfaces_leave_loopback_out_and_the_device_id_is_the_keys() {
        let listed: Vec<String> = std::fs::read_dir(SYS_CLASS_NET)
            .expect("sysfs")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert!(listed.iter().any(|name| name == "lo"), "{listed:?}");

        let data_dir = tempfile::tempdir().expect("temp dir");
        let facts = network_facts(data_dir.path()).expect("facts");
        let key = DeviceKey::load_or_create(data_dir.path()).expect("the same key");
        assert_eq!(facts.device_id, key.device_id());
        assert_eq!(facts.device_id.len(), 16);
        let interfaces = facts.interfaces.expect("interfaces");
        assert!(interfaces.iter().all(|interface| interface.name != "lo"));
        assert_eq!(interfaces.len(), listed.len() - 1, "{interfaces:?}");
        assert!(
            interfaces
                .iter()
                .flat_map(|interface| &interface.addresses)
                .all(|address| !address.ip.is_loopback()),
            "{interfaces:?}"
        );
    }
}
