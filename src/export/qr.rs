//! A QR code for Thunderbird for Android (its account-import format: UTF-8 JSON
//! of nested arrays), as a PNG. Phones scan it from the screen or a printout.

use qrcode::{EcLevel, QrCode};

use super::ExportError;
use crate::account::Password;
use crate::model::Unwritable;
use crate::settings::{AccountSettings, AuthMethod, Service};

/// The same socket-type numbers as Thunderbird's prefs.
use super::thunderbird_userjs::socket as sec;
use super::{Format, FormatSpec, Group, Note};
use crate::model::{Client, PasswordSupport, Words};

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "qr",
    label: Words {
        ja: "スマートフォン用 QR コード（Thunderbird for Android）",
        en: "QR code for phones (Thunderbird for Android)",
    },
    summary: Words {
        ja: "Android の Thunderbird で読み取ると設定が入る、QR コードの画像です。",
        en: "A QR code picture: scan it with Thunderbird on Android to add the account.",
    },
    group: Group::Phone,
    file_use: None,
    file_name: "mail-qr.png",
    needs_incoming: true,
    password: PasswordSupport::Optional,
    guide: Some(Client::AndroidGmail),
    note: Note::None,
    render: |i| render(i.account, i.password),
});

fn auth(a: AuthMethod) -> u8 {
    match a {
        AuthMethod::Plain | AuthMethod::Login => 1,
        AuthMethod::CramMd5 => 2,
        AuthMethod::None => 0,
    }
}

/// The JSON the code carries.
pub fn payload(a: &AccountSettings, password: Option<&Password>) -> String {
    let inc = a.incoming.as_ref().expect("checked by export::render");
    let o = &a.outgoing;
    let proto = u8::from(inc.protocol == Service::Pop3);
    let mut incoming = serde_json::json!([
        proto,
        inc.host,
        inc.port,
        sec(inc.security),
        auth(inc.auth),
        inc.username,
        a.email
    ]);
    let mut outgoing =
        serde_json::json!([0, o.host, o.port, sec(o.security), auth(o.auth), o.username]);
    if let Some(p) = password {
        incoming.as_array_mut().unwrap().push(p.expose().into());
        outgoing.as_array_mut().unwrap().push(p.expose().into());
    }
    serde_json::json!([1, [1, 1], incoming, [[outgoing, [a.email, a.name]]]]).to_string()
}

/// The code's modules (true = dark), row by row, and its width: for drawing it
/// on screen without going through an image.
pub fn modules(a: &AccountSettings, password: Option<&Password>) -> Option<(usize, Vec<bool>)> {
    let code =
        QrCode::with_error_correction_level(payload(a, password).as_bytes(), EcLevel::L).ok()?;
    let n = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Some((n, dark))
}

/// Pixels per module and the quiet zone around the code, in modules.
const SCALE: usize = 8;
const QUIET: usize = 4;

pub fn render(a: &AccountSettings, password: Option<&Password>) -> Result<Vec<u8>, ExportError> {
    let data = payload(a, password);
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::L).map_err(|e| {
        ExportError::Unrepresentable {
            field: "qr",
            reason: Unwritable::Refused(e.to_string()),
        }
    })?;
    let n = code.width();
    let colors = code.to_colors();
    let side = (n + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for y in 0..n {
        for x in 0..n {
            if colors[y * n + x] == qrcode::Color::Dark {
                for dy in 0..SCALE {
                    let row = (y + QUIET) * SCALE + dy;
                    let start = row * side + (x + QUIET) * SCALE;
                    pixels[start..start + SCALE].fill(0);
                }
            }
        }
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, side as u32, side as u32);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc
            .write_header()
            .map_err(|e| ExportError::Unrepresentable {
                field: "qr",
                reason: Unwritable::Refused(e.to_string()),
            })?;
        w.write_image_data(&pixels)
            .map_err(|e| ExportError::Unrepresentable {
                field: "qr",
                reason: Unwritable::Refused(e.to_string()),
            })?;
    }
    Ok(out)
}
