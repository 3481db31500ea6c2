//! Just enough of the protobuf wire format to read what recall needs from a
//! schema-18 collection (`collection.anki21b`): the kind of a note type and
//! the question and answer formats of its templates, which Anki keeps in
//! protobuf blobs.

/// A field's value: a varint, or the bytes of a length-delimited field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    /// A fixed 32- or 64-bit value, skipped.
    Fixed,
}

/// Why a blob is not protobuf.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed protobuf at byte {0}")]
pub struct ProtoError(pub usize);

const WIRE_VARINT: u64 = 0;
const WIRE_FIXED64: u64 = 1;
const WIRE_BYTES: u64 = 2;
const WIRE_FIXED32: u64 = 5;

fn varint(bytes: &[u8], at: &mut usize) -> Result<u64, ProtoError> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at).ok_or(ProtoError(*at))?;
        *at += 1;
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err(ProtoError(*at))
}

/// The top-level fields of a message, in order, as (number, value).
pub fn fields(bytes: &[u8]) -> Result<Vec<(u64, Value<'_>)>, ProtoError> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        let key = varint(bytes, &mut at)?;
        let value = match key & 7 {
            WIRE_VARINT => Value::Varint(varint(bytes, &mut at)?),
            WIRE_BYTES => {
                let len = usize::try_from(varint(bytes, &mut at)?).map_err(|_| ProtoError(at))?;
                let end = at.checked_add(len).filter(|&e| e <= bytes.len());
                let end = end.ok_or(ProtoError(start))?;
                let slice = &bytes[at..end];
                at = end;
                Value::Bytes(slice)
            }
            WIRE_FIXED64 | WIRE_FIXED32 => {
                at += if key & 7 == WIRE_FIXED64 { 8 } else { 4 };
                if at > bytes.len() {
                    return Err(ProtoError(start));
                }
                Value::Fixed
            }
            _ => return Err(ProtoError(start)),
        };
        out.push((key >> 3, value));
    }
    Ok(out)
}

/// The varint field `number`, or 0 (protobuf's default) if absent.
pub fn varint_field(bytes: &[u8], number: u64) -> Result<u64, ProtoError> {
    Ok(fields(bytes)?
        .into_iter()
        .find_map(|(n, v)| match v {
            Value::Varint(x) if n == number => Some(x),
            _ => None,
        })
        .unwrap_or(0))
}

/// The string field `number`, or "" if absent; `None` if it is not UTF-8.
pub fn string_field(bytes: &[u8], number: u64) -> Result<Option<String>, ProtoError> {
    let found = fields(bytes)?.into_iter().find_map(|(n, v)| match v {
        Value::Bytes(b) if n == number => Some(b),
        _ => None,
    });
    Ok(match found {
        None => Some(String::new()),
        Some(b) => std::str::from_utf8(b).ok().map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_varints_and_strings() {
        // field 1 = 1 (varint), field 2 = "hi", field 3 = 300
        let blob = [0x08, 0x01, 0x12, 0x02, b'h', b'i', 0x18, 0xac, 0x02];
        assert_eq!(varint_field(&blob, 1), Ok(1));
        assert_eq!(varint_field(&blob, 3), Ok(300));
        assert_eq!(varint_field(&blob, 9), Ok(0));
        assert_eq!(string_field(&blob, 2), Ok(Some("hi".into())));
    }

    #[test]
    fn truncated_blobs_are_errors() {
        assert!(fields(&[0x12, 0x05, b'a']).is_err());
        assert!(fields(&[0x08]).is_err());
        assert!(fields(&[0x0f]).is_err());
    }
}
