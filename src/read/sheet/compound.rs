//! The sector chains of an Office compound file (an `.xls` workbook), checked before calamine
//! reads it: calamine 0.38 follows a chain without looking for a loop or for a sector past
//! its table (`cfb.rs`, `Sectors::get_chain`), so that a damaged 13 KB file made it ask for
//! 4 GB and end the program, and another panicked. The tables are read here as calamine
//! reads them, and a file whose chains loop or run past their table is refused; what
//! calamine reports an error for itself is left to it.

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const DIFSECT: u32 = 0xFFFF_FFFC;
/// The sector ids from here up are markers (free, end of chain, table sectors), not sectors.
const RESERVED: u32 = 0xFFFF_FFFA;
/// Streams shorter than this are kept in the mini stream, in 64-byte sectors.
const MINI_CUTOFF: usize = 4096;

/// Whether the compound file `bytes` can be handed to calamine; what is wrong otherwise.
pub(super) fn check(bytes: &[u8]) -> Result<(), String> {
    check_chains(bytes).map_or(Ok(()), |what| {
        Err(format!("not a readable .xls workbook: {what}"))
    })
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u32s(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The sectors of a compound file (or of its mini stream), as calamine counts them: sector
/// `id` is `size` bytes at `id * size` of `data` (after the header), and ids up to `last`
/// are read, a short last one cut off.
struct Sectors<'a> {
    data: &'a [u8],
    size: usize,
    last: u32,
}

impl<'a> Sectors<'a> {
    fn get(&self, id: u32) -> Option<&'a [u8]> {
        if id > self.last {
            return None;
        }
        let start = id as usize * self.size;
        let end = (start + self.size).min(self.data.len());
        Some(self.data.get(start..end).unwrap_or_default())
    }

    /// Whether calamine can be asked for sector `id`: it refuses one past `last` itself,
    /// and one that starts past the end of the data makes it panic.
    fn askable(&self, id: u32) -> bool {
        id > self.last || id as usize * self.size <= self.data.len()
    }

    /// A sector of a table, as numbers; `None` if its length is no multiple of 4 (which
    /// calamine asserts).
    fn numbers(&self, id: u32) -> Result<Option<Vec<u32>>, &'static str> {
        match self.get(id) {
            Some(sector) if !sector.len().is_multiple_of(4) => Err(CUT_SHORT),
            Some(sector) => Ok(Some(u32s(sector).collect())),
            None => Ok(None),
        }
    }

    /// The bytes of the chain from `start` (at most `most`), the table already checked.
    fn chain(&self, start: u32, table: &[u32], most: usize) -> Vec<u8> {
        let mut chain = Vec::new();
        let mut id = start;
        while id != ENDOFCHAIN && chain.len() < most {
            let Some(sector) = self.get(id) else {
                break;
            };
            chain.extend_from_slice(&sector[..sector.len().min(most - chain.len())]);
            match table.get(id as usize) {
                Some(&next) => id = next,
                None => break,
            }
        }
        chain
    }

    /// `None` when every chain of `table` ends (at its end marker, or at an id calamine
    /// refuses) without a loop, leaving the table or asking for a sector past the data;
    /// else what is wrong.
    fn sound(&self, table: &[u32]) -> Option<&'static str> {
        let mut state = vec![0u8; table.len()];
        for first in 0..table.len() {
            let mut id = first;
            let mut path = Vec::new();
            while state[id] == 0 {
                state[id] = 1;
                path.push(id);
                let next = table[id];
                if next == ENDOFCHAIN || next > self.last {
                    break;
                }
                if let Some(wrong) = self.follows(next, table) {
                    return Some(wrong);
                }
                id = next as usize;
            }
            let next = table[id];
            if state[id] == 1 && next != ENDOFCHAIN && next <= self.last {
                return Some("a sector chain loops back on itself");
            }
            for done in path {
                state[done] = 2;
            }
        }
        None
    }

    /// `None` when a chain may go on at (or start from) `id` in `table`; else what is wrong.
    fn follows(&self, id: u32, table: &[u32]) -> Option<&'static str> {
        if id == ENDOFCHAIN || id > self.last {
            None
        } else if !self.askable(id) {
            Some("a sector chain runs past the end of the file")
        } else if id as usize >= table.len() {
            Some("a sector chain runs past its table")
        } else {
            None
        }
    }
}

const CUT_SHORT: &str = "the file is cut short inside a table of sectors";

/// What is wrong with the chains of `bytes`, if anything calamine would not survive.
fn check_chains(bytes: &[u8]) -> Option<&'static str> {
    let size = match u32_at(bytes, 28).map(|w| w >> 16) {
        Some(0x0009) => 512,
        Some(0x000C) => 4096,
        _ => return None,
    };
    if bytes.len() < size {
        return None;
    }
    let last = u32::try_from(bytes.len() / size).unwrap_or(u32::MAX);
    let sectors = Sectors {
        data: &bytes[size..],
        size,
        last,
    };
    let header = &bytes[..512];
    let field = |at| u32_at(header, at).unwrap_or(ENDOFCHAIN);
    let (dir_start, mini_fat_start, difat_start) = (field(48), field(60), field(68));
    let mini_fat_len = field(64) as usize;
    // The table of tables: in the header, then in a chain of its own, which calamine bounds.
    let mut difat: Vec<u32> = u32s(&header[76..]).collect();
    let mut id = difat_start;
    let mut steps = 0;
    while id < RESERVED {
        steps += 1;
        if steps > last as usize + 1 {
            return None;
        }
        if !sectors.askable(id) {
            return Some(CUT_SHORT);
        }
        match sectors.numbers(id) {
            Ok(Some(numbers)) => difat.extend(numbers),
            Ok(None) => return None,
            Err(wrong) => return Some(wrong),
        }
        id = difat.pop()?;
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|&id| id < DIFSECT) {
        if !sectors.askable(id) {
            return Some(CUT_SHORT);
        }
        match sectors.numbers(id) {
            Ok(Some(numbers)) => fat.extend(numbers),
            Ok(None) => return None,
            Err(wrong) => return Some(wrong),
        }
    }
    if let Some(wrong) = sectors.sound(&fat) {
        return Some(wrong);
    }
    let mut starts = vec![dir_start];
    if let Some(wrong) = sectors.follows(dir_start, &fat) {
        return Some(wrong);
    }
    let entries = sectors.chain(dir_start, &fat, usize::MAX);
    let entries: Vec<Entry> = entries
        .chunks_exact(128)
        .map(|e| Entry::read(e, size))
        .collect();
    let root = entries.first()?;
    let mut mini_fat = Vec::new();
    let mut mini_stream = Vec::new();
    if mini_fat_len > 0 {
        starts.extend([root.start, mini_fat_start]);
        if let Some(wrong) = starts
            .iter()
            .find_map(|&start| sectors.follows(start, &fat))
        {
            return Some(wrong);
        }
        mini_stream = sectors.chain(root.start, &fat, root.len);
        let table = sectors.chain(mini_fat_start, &fat, mini_fat_len.saturating_mul(size));
        if !table.len().is_multiple_of(4) {
            return Some(CUT_SHORT);
        }
        mini_fat = u32s(&table).collect();
    }
    let minis = Sectors {
        data: &mini_stream,
        size: 64,
        last: last.saturating_mul(8),
    };
    if let Some(wrong) = minis.sound(&mini_fat) {
        return Some(wrong);
    }
    entries
        .iter()
        .skip(1)
        .filter(|entry| entry.is_read())
        .find_map(|entry| {
            if entry.len < MINI_CUTOFF {
                minis.follows(entry.start, &mini_fat)
            } else {
                sectors.follows(entry.start, &fat)
            }
        })
}

/// A directory entry: its name, where its stream starts and how long it is.
struct Entry {
    name: String,
    start: u32,
    len: usize,
}

impl Entry {
    fn read(entry: &[u8], size: usize) -> Self {
        let units = entry[..64]
            .chunks_exact(2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .take_while(|&unit| unit != 0);
        let name = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        let start = u32_at(entry, 116).unwrap_or(ENDOFCHAIN);
        let low = u64::from(u32_at(entry, 120).unwrap_or(0));
        let high = if size == 512 {
            0
        } else {
            u64::from(u32_at(entry, 124).unwrap_or(0))
        };
        let len = usize::try_from((high << 32) | low).unwrap_or(usize::MAX);
        Self { name, start, len }
    }

    /// Whether calamine reads this stream: the workbook and its summaries.
    fn is_read(&self) -> bool {
        [
            "Workbook",
            "Book",
            "\u{5}SummaryInformation",
            "\u{5}DocumentSummaryInformation",
        ]
        .iter()
        .any(|name| self.name.eq_ignore_ascii_case(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> Vec<u8> {
        std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn a_workbook_whose_chains_end_is_handed_on() {
        let book = file("fixtures/sheets/committee_on_climate_change-2011-09-30.xls");
        assert_eq!(check(&book), Ok(()));
        // What calamine refuses itself is left to it.
        assert_eq!(check(&book[..600]), Ok(()));
        assert_eq!(check(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), Ok(()));
    }

    #[test]
    fn a_chain_that_loops_is_refused() {
        // Found by the fuzz tests: calamine asked for 4 GB reading it.
        let looped = file("tests/regressions/xls-sector-chain-loop.xls");
        assert_eq!(
            check(&looped),
            Err("not a readable .xls workbook: a sector chain loops back on itself".into())
        );
    }

    #[test]
    fn tables_are_checked_for_loops_and_sectors_past_their_end() {
        let data = [0u8; 64 * 4];
        let sectors = Sectors {
            data: &data,
            size: 64,
            last: 10,
        };
        // 0 -> 1 -> 2 -> end; 3 -> 4 -> 3.
        assert_eq!(sectors.sound(&[1, 2, ENDOFCHAIN]), None);
        let looped = Some("a sector chain loops back on itself");
        assert_eq!(sectors.sound(&[1, 2, ENDOFCHAIN, 4, 3]), looped);
        assert_eq!(sectors.sound(&[0]), looped);
        assert_eq!(
            sectors.sound(&[3, ENDOFCHAIN]),
            Some("a sector chain runs past its table")
        );
        // Sector 5 starts past the data, which calamine would slice out of bounds.
        assert_eq!(
            sectors.sound(&[5, ENDOFCHAIN]),
            Some("a sector chain runs past the end of the file")
        );
        // Past the last sector calamine reads: it reports that itself.
        assert_eq!(sectors.sound(&[50, ENDOFCHAIN]), None);
        assert_eq!(
            sectors.follows(3, &[ENDOFCHAIN; 2]),
            Some("a sector chain runs past its table")
        );
        assert_eq!(sectors.follows(1, &[ENDOFCHAIN; 2]), None);
        assert_eq!(sectors.follows(ENDOFCHAIN, &[]), None);
    }

    #[test]
    fn a_table_cut_short_is_refused() {
        let book = file("fixtures/sheets/committee_on_climate_change-2011-09-30.xls");
        // Cut inside a table sector, at a length no multiple of 4 (calamine asserts it).
        let cut = (1..book.len() / 512)
            .map(|sector| &book[..(sector + 1) * 512 + 2])
            .find(|cut| check(cut).is_err());
        assert!(cut.is_some(), "no cut of the file is refused");
    }
}
