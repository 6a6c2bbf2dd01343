//! Reading an error's chain of causes: the text a support person reads, and
//! the cause of a given type. Used by the network code of every stage; imports
//! nothing of the crate.

use std::error::Error as StdError;

/// Walk an error chain, looking inside `io::Error`s too (their `source()` skips
/// the wrapped error itself).
pub fn find_in_chain<'a, T: StdError + 'static>(
    err: &'a (dyn StdError + 'static),
) -> Option<&'a T> {
    let mut cur: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = cur {
        if let Some(t) = e.downcast_ref::<T>() {
            return Some(t);
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
        {
            if let Some(t) = inner.downcast_ref::<T>() {
                return Some(t);
            }
            if let Some(t) = find_in_chain::<T>(inner) {
                return Some(t);
            }
        }
        cur = e.source();
    }
    None
}

/// The full text of an error chain, for the "details" a support person reads.
pub fn chain_text(err: &(dyn StdError + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut cur = err.source();
    while let Some(e) = cur {
        let s = e.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = e.source();
    }
    parts.join(": ")
}
