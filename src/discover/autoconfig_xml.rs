//! Reads Thunderbird's autoconfig format (config-v1.1.xml), as used by ISP presets,
//! provider autoconfig and the ISPDB. Parse first, then distrust: every value is
//! checked before it is used. DTDs (and so entity tricks) are refused by roxmltree.

use crate::account::EmailAddress;
use crate::settings::{AuthMethod, Security, Service};

use crate::model::sane_host;

/// The biggest document we read; real ones are a few KiB.
pub const MAX_XML_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlServer {
    pub service: Service,
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub auth: Option<AuthMethod>,
    pub username: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct XmlConfig {
    pub display_name: Option<String>,
    pub outgoing: Vec<XmlServer>,
    /// IMAP and POP3 servers, in the document's order of preference.
    pub incoming: Vec<XmlServer>,
}

impl XmlConfig {
    pub fn is_empty(&self) -> bool {
        self.outgoing.is_empty() && self.incoming.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlError {
    TooLarge,
    NotXml(String),
    NotAutoconfig,
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XmlError::TooLarge => write!(f, "document larger than {MAX_XML_BYTES} bytes"),
            XmlError::NotXml(e) => write!(f, "not valid XML: {e}"),
            XmlError::NotAutoconfig => write!(f, "not a clientConfig (config-v1.1) document"),
        }
    }
}

/// A host name may use the user's domain but never the user's own name: a
/// host made from `%EMAILLOCALPART%` or `%EMAILADDRESS%` would tell whoever runs
/// that DNS zone the address being set up. Such a server is dropped.
fn fill_host(template: &str, email: &EmailAddress) -> Option<String> {
    let upper = template.to_ascii_uppercase();
    if upper.contains("%EMAILLOCALPART%") || upper.contains("%EMAILADDRESS%") {
        return None;
    }
    Some(template.replace("%EMAILDOMAIN%", email.domain()))
}

/// User names may use every placeholder.
fn fill(template: &str, email: &EmailAddress) -> String {
    template
        .replace("%EMAILADDRESS%", &email.to_wire())
        .replace("%EMAILLOCALPART%", email.local_part())
        .replace("%EMAILDOMAIN%", email.domain())
}

pub fn parse(bytes: &[u8], email: &EmailAddress) -> Result<XmlConfig, XmlError> {
    if bytes.len() > MAX_XML_BYTES {
        return Err(XmlError::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| XmlError::NotXml(e.to_string()))?;
    parse_str(text, email)
}

/// As `parse`, for text the caller has already bounded and decoded (a preset).
pub fn parse_str(text: &str, email: &EmailAddress) -> Result<XmlConfig, XmlError> {
    let doc = roxmltree::Document::parse(text).map_err(|e| XmlError::NotXml(e.to_string()))?;
    let root = doc.root_element();
    if root.tag_name().name() != "clientConfig" {
        return Err(XmlError::NotAutoconfig);
    }
    let mut config = XmlConfig::default();
    for provider in root.children().filter(|n| n.has_tag_name("emailProvider")) {
        if config.display_name.is_none() {
            config.display_name = child_text(provider, "displayName")
                .map(|s| s.chars().filter(|c| !c.is_control()).take(100).collect());
        }
        for server in provider.children() {
            let service = match (server.tag_name().name(), server.attribute("type")) {
                ("outgoingServer", Some("smtp")) => Service::Submission,
                ("incomingServer", Some("imap")) => Service::Imap,
                ("incomingServer", Some("pop3")) => Service::Pop3,
                _ => continue,
            };
            if let Some(s) = read_server(server, service, email) {
                if service == Service::Submission {
                    config.outgoing.push(s);
                } else {
                    config.incoming.push(s);
                }
            }
        }
    }
    Ok(config)
}

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|n| n.has_tag_name(name))
        .and_then(|n| n.text())
        .map(str::trim)
}

fn read_server(node: roxmltree::Node, service: Service, email: &EmailAddress) -> Option<XmlServer> {
    let host = sane_host(&fill_host(child_text(node, "hostname")?, email)?)?;
    let port: u16 = child_text(node, "port")?.parse().ok().filter(|p| *p > 0)?;
    let security = match child_text(node, "socketType")?
        .to_ascii_uppercase()
        .as_str()
    {
        "SSL" | "TLS" => Security::ImplicitTls,
        "STARTTLS" => Security::StartTls,
        "PLAIN" => Security::None,
        _ => return None,
    };
    // A server may list several <authentication>; keep the first we understand.
    let auth = node
        .children()
        .filter(|n| n.has_tag_name("authentication"))
        .filter_map(|n| n.text())
        .find_map(|t| match t.trim() {
            "password-cleartext" | "plain" => Some(AuthMethod::Plain),
            "password-encrypted" | "secure" => Some(AuthMethod::CramMd5),
            "none" | "client-IP-address" => Some(AuthMethod::None),
            _ => None,
        });
    let username = child_text(node, "username")
        .map(|u| fill(u, email))
        .filter(|u| !u.is_empty() && u.len() <= 256 && !u.chars().any(char::is_control));
    Some(XmlServer {
        service,
        host,
        port,
        security,
        auth,
        username,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email() -> EmailAddress {
        EmailAddress::parse("taro@example.ne.jp").unwrap()
    }

    #[test]
    fn reads_outgoing_servers_and_fills_placeholders() {
        let xml = br#"<?xml version="1.0"?>
<clientConfig version="1.1">
 <emailProvider id="example.ne.jp">
  <displayName>Example ISP</displayName>
  <incomingServer type="pop3"><hostname>pop.example.ne.jp</hostname><port>110</port><socketType>plain</socketType></incomingServer>
  <outgoingServer type="smtp">
   <hostname>smtp.%EMAILDOMAIN%</hostname><port>587</port><socketType>STARTTLS</socketType>
   <authentication>password-cleartext</authentication><username>%EMAILADDRESS%</username>
  </outgoingServer>
  <outgoingServer type="smtp">
   <hostname>bad host</hostname><port>465</port><socketType>SSL</socketType>
  </outgoingServer>
 </emailProvider>
</clientConfig>"#;
        let c = parse(xml, &email()).unwrap();
        assert_eq!(c.display_name.as_deref(), Some("Example ISP"));
        assert_eq!(c.outgoing.len(), 1);
        assert_eq!(c.incoming.len(), 1);
        assert_eq!(c.incoming[0].service, Service::Pop3);
        assert_eq!(c.incoming[0].host, "pop.example.ne.jp");
        assert_eq!(c.incoming[0].security, Security::None);
        let s = &c.outgoing[0];
        assert_eq!(s.host, "smtp.example.ne.jp");
        assert_eq!(s.port, 587);
        assert_eq!(s.security, Security::StartTls);
        assert_eq!(s.auth, Some(AuthMethod::Plain));
        assert_eq!(s.username.as_deref(), Some("taro@example.ne.jp"));
    }

    /// The user's name must not become part of a DNS query (issue #10, item 7).
    #[test]
    fn the_user_is_never_put_into_a_host_name() {
        let xml = br#"<clientConfig version="1.1"><emailProvider id="x">
  <outgoingServer type="smtp"><hostname>%EMAILLOCALPART%.tracker.example</hostname><port>587</port><socketType>STARTTLS</socketType></outgoingServer>
  <outgoingServer type="smtp"><hostname>%EMAILADDRESS%.tracker.example</hostname><port>587</port><socketType>STARTTLS</socketType></outgoingServer>
  <outgoingServer type="smtp"><hostname>smtp.%EMAILDOMAIN%</hostname><port>465</port><socketType>SSL</socketType>
   <username>%EMAILLOCALPART%</username></outgoingServer>
 </emailProvider></clientConfig>"#;
        let c = parse(xml, &email()).unwrap();
        let hosts: Vec<&str> = c.outgoing.iter().map(|s| s.host.as_str()).collect();
        assert_eq!(hosts, ["smtp.example.ne.jp"]);
        assert_eq!(c.outgoing[0].username.as_deref(), Some("taro"));
    }

    #[test]
    fn refuses_dtd_entities() {
        let xml = br#"<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<clientConfig><emailProvider><outgoingServer type="smtp"><hostname>&e;</hostname></outgoingServer></emailProvider></clientConfig>"#;
        assert!(matches!(parse(xml, &email()), Err(XmlError::NotXml(_))));
    }

    #[test]
    fn refuses_other_documents_and_huge_ones() {
        assert_eq!(parse(b"<html/>", &email()), Err(XmlError::NotAutoconfig));
        let big = vec![b' '; MAX_XML_BYTES + 1];
        assert_eq!(parse(&big, &email()), Err(XmlError::TooLarge));
    }
}
