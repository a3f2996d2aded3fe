//! RFC 4122 version-4 UUIDs from caller-supplied random bytes.

#[allow(unused_imports)]
use crate::prelude::*;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Formats 16 random bytes as a lower-case v4 UUID (`xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx`,
/// Y in 8..=b): the version nibble is set to 4 and the variant bits to 10.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 0x0f) as usize] as char);
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn is_v4_shaped(s: &str) -> bool {
        let b = s.as_bytes();
        b.len() == 36
            && b.iter().enumerate().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => *c == b'-',
                _ => c.is_ascii_digit() || (b'a'..=b'f').contains(c),
            })
            && b[14] == b'4'
            && matches!(b[19], b'8' | b'9' | b'a' | b'b')
    }

    #[test]
    fn known_bytes() {
        let bytes = [
            0x43, 0x83, 0xf0, 0xb7, 0xdd, 0xcb, 0xff, 0x8c, 0xff, 0x3d, 0x39, 0x00, 0x0a, 0xbc,
            0xde, 0xf1,
        ];
        assert_eq!(uuid_v4(bytes), "4383f0b7-ddcb-4f8c-bf3d-39000abcdef1");
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert_eq!(uuid_v4([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
    }

    proptest! {
        #[test]
        fn always_v4_shaped(bytes in any::<[u8; 16]>()) {
            let u = uuid_v4(bytes);
            prop_assert!(is_v4_shaped(&u), "{}", u);
        }

        #[test]
        fn keeps_all_other_bits(bytes in any::<[u8; 16]>()) {
            let hex: String = uuid_v4(bytes).chars().filter(|c| *c != '-').collect();
            for (i, b) in bytes.iter().enumerate() {
                let got = u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).unwrap();
                let mask = match i { 6 => 0x0f, 8 => 0x3f, _ => 0xff };
                prop_assert_eq!(got & mask, b & mask);
            }
        }
    }
}
