//! Writing an export: atomically (a temporary file renamed into place, so a
//! crash never leaves half a file), 0600 when it holds a password, and never
//! over an existing file unless the user said so.

use std::io::Write;
use std::path::Path;

pub use crate::model::WriteError;

pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    secret: bool,
    overwrite: bool,
) -> Result<(), WriteError> {
    if !overwrite && path.exists() {
        return Err(WriteError::Exists);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // tempfile creates the file 0600 on Unix; loosen it only when no secret.
    let mut tmp = tempfile::Builder::new()
        .prefix(".mailsetup-")
        .tempfile_in(dir)
        .map_err(WriteError::Io)?;
    tmp.write_all(bytes).map_err(WriteError::Io)?;
    tmp.as_file().sync_all().map_err(WriteError::Io)?;
    #[cfg(unix)]
    if !secret {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(WriteError::Io)?;
    }
    #[cfg(not(unix))]
    let _ = secret;
    if overwrite {
        tmp.persist(path).map_err(|e| WriteError::Io(e.error))?;
    } else {
        // No race: refuse if someone created the file meanwhile.
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                WriteError::Exists
            } else {
                WriteError::Io(e.error)
            }
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_modes_and_no_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.conf");
        write_atomically(&p, b"one", true, false).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert!(matches!(
            write_atomically(&p, b"two", true, false),
            Err(WriteError::Exists)
        ));
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_atomically(&p, b"two", false, true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o644);
        }
        // No temporary files left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
