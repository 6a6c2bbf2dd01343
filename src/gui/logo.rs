//! The ISP's logo on the Welcome page: a PNG beside the preset file, decoded
//! with the `png` crate and bounded, so a wrong file cannot eat memory.

use std::path::Path;

/// Larger files are not a logo.
pub const MAX_BYTES: u64 = 2 * 1024 * 1024;
/// Width and height at most this many pixels.
pub const MAX_SIDE: u32 = 1024;

#[derive(Debug, thiserror::Error)]
pub enum LogoError {
    #[error("cannot read it: {0}")]
    Read(#[from] std::io::Error),
    #[error("it is larger than {MAX_BYTES} bytes or {MAX_SIDE}×{MAX_SIDE} pixels")]
    TooLarge,
    #[error("it is not a PNG image: {0}")]
    Decode(String),
}

pub fn load(path: &Path) -> Result<egui::ColorImage, LogoError> {
    if std::fs::metadata(path)?.len() > MAX_BYTES {
        return Err(LogoError::TooLarge);
    }
    decode(&std::fs::read(path)?)
}

pub fn decode(bytes: &[u8]) -> Result<egui::ColorImage, LogoError> {
    let (size, rgba) = rgba(bytes)?;
    Ok(egui::ColorImage::from_rgba_unmultiplied(size, &rgba))
}

/// Width and height, and the pixels as straight (not premultiplied) RGBA.
pub fn rgba(bytes: &[u8]) -> Result<([usize; 2], Vec<u8>), LogoError> {
    let bad = |e: png::DecodingError| LogoError::Decode(e.to_string());
    let mut decoder = png::Decoder::new_with_limits(
        bytes,
        png::Limits {
            bytes: (MAX_SIDE * MAX_SIDE * 4) as usize,
        },
    );
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(bad)?;
    let (w, h) = (reader.info().width, reader.info().height);
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(LogoError::TooLarge);
    }
    let mut buf = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf).map_err(bad)?;
    let pixels = &buf[..frame.buffer_size()];
    let size = [frame.width as usize, frame.height as usize];
    let rgba: Vec<u8> = match frame.color_type {
        png::ColorType::Rgba => pixels.to_vec(),
        png::ColorType::Rgb => pixels
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::GrayscaleAlpha => pixels
            .chunks_exact(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        png::ColorType::Grayscale => pixels.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        png::ColorType::Indexed => {
            return Err(LogoError::Decode("palette not expanded".into()));
        }
    };
    Ok((size, rgba))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, color: png::ColorType, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(color);
        enc.set_depth(png::BitDepth::Eight);
        if color == png::ColorType::Indexed {
            enc.set_palette(vec![255, 0, 0, 0, 0, 255]);
        }
        let mut w = enc.write_header().unwrap();
        w.write_image_data(data).unwrap();
        drop(w);
        out
    }

    #[test]
    fn every_png_colour_type_becomes_rgba() {
        let rgb = decode(&png(2, 1, png::ColorType::Rgb, &[255, 0, 0, 0, 255, 0])).unwrap();
        assert_eq!(rgb.size, [2, 1]);
        assert_eq!(rgb.pixels[1], egui::Color32::from_rgb(0, 255, 0));
        let gray = decode(&png(1, 1, png::ColorType::Grayscale, &[7])).unwrap();
        assert_eq!(gray.pixels[0], egui::Color32::from_rgb(7, 7, 7));
        let pal = decode(&png(2, 1, png::ColorType::Indexed, &[1, 0])).unwrap();
        assert_eq!(pal.pixels[0], egui::Color32::from_rgb(0, 0, 255));
        assert_eq!(pal.pixels[1], egui::Color32::from_rgb(255, 0, 0));
    }

    #[test]
    fn the_window_icon_decodes() {
        let ([w, h], rgba) = rgba(crate::gui::ICON_PNG).unwrap();
        assert_eq!((w, h), (256, 256));
        assert_eq!(rgba.len(), 256 * 256 * 4);
        assert_eq!(rgba[3], 0, "the corner is transparent");
    }

    #[test]
    fn wrong_files_are_refused_not_loaded() {
        assert!(matches!(decode(b"GIF89a"), Err(LogoError::Decode(_))));
        let big = png(
            MAX_SIDE + 1,
            1,
            png::ColorType::Grayscale,
            &vec![0; MAX_SIDE as usize + 1],
        );
        assert!(matches!(decode(&big), Err(LogoError::TooLarge)));
        let cut = png(4, 4, png::ColorType::Rgb, &[9; 48]);
        assert!(decode(&cut[..cut.len() - 20]).is_err());
    }
}
