"""An .xlsx file as a zip package of parts: read safely, and written back with every unchanged part copied byte
for byte (its compressed bytes included).

Reading refuses, before anything is parsed, a package too large for a bokslut, one whose parts would expand
absurdly (a zip bomb), and encrypted or unusually compressed parts; XML is parsed without entities or network
access, and a part with a DTD is refused. The file is read once: saving copies from those bytes and refuses
when the file on disk changed meanwhile.
"""
from __future__ import annotations

import io
import os
import struct
import time
import zipfile
import zlib
from pathlib import Path

from ..issues import UnusableWorkbook

MAX_PART_BYTES = 50 * 2**20  # one sheet's XML, uncompressed
MAX_TOTAL_BYTES = 200 * 2**20  # the whole package, uncompressed
MAX_PARTS = 10_000
MAX_RATIO = 1_000  # uncompressed / compressed, for parts over 1 MB

NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CONTENT_TYPES = "[Content_Types].xml"


def _parser(recover: bool = False):
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_blank_text=False, recover=recover)


def _has_dtd(root) -> bool:
    """The document has a DOCTYPE, as the parser saw it (anywhere before the root, in any encoding)."""
    info = root.getroottree().docinfo
    return bool(info.doctype) or info.internalDTD is not None or info.externalDTD is not None


def _stamp(info: os.stat_result) -> tuple[int, int, int, int]:
    """What tells that a file was replaced or rewritten: its identity, size and modification time."""
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def changed_message(name: str) -> str:
    return (f"Filen {name} ändrades medan xlbokslut arbetade med den (sparades av någon annan eller synkades), så "
            "inget har skrivits: kör igen.")


class Package:
    """The parts of a zip package, read whole into memory when opened; ``changed`` and ``removed`` collect what a
    save writes differently. Part names are compared ignoring case, as the packaging conventions require."""

    def __init__(self, path: Path):
        self.path = path
        self.data, self.stamp = _read_regular_file(path)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(self.data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error, RuntimeError, UnicodeError):
            raise UnusableWorkbook(f"{path.name} kunde inte läsas som en Excel-arbetsbok (filen är skadad). Öppna "
                                   "den i Excel och spara den igen.") from None
        self.infos = {info.filename: info for info in infos}
        self._names = {name.casefold(): name for name in self.infos}
        if len(self._names) != len(infos):
            raise UnusableWorkbook(f"{path.name} har två delar med samma namn; den är skadad eller manipulerad och "
                                   "läses inte. Öppna den i Excel och spara den igen.")
        self._check_limits()
        self.changed: dict[str, bytes] = {}
        self.removed: set[str] = set()

    def _check_limits(self) -> None:
        name = self.path.name
        if len(self.infos) > MAX_PARTS:
            raise UnusableWorkbook(f"{name} har orimligt många delar ({len(self.infos)}) för ett bokslut.")
        total = sum(i.file_size for i in self.infos.values())
        for info in self.infos.values():
            if info.flag_bits & 0x1:
                raise UnusableWorkbook(f"{name} har krypterade delar ({info.filename}). Ta bort lösenordet i Excel "
                                       "(Arkiv > Info > Skydda arbetsbok) och försök igen.")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise UnusableWorkbook(f"{name} är packad på ett sätt som Excel inte använder ({info.filename}); "
                                       "öppna den i Excel och spara den igen.")
            too_big = info.file_size > MAX_PART_BYTES
            bomb = info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
            if too_big or bomb:
                raise UnusableWorkbook(f"{name} är för stor för ett bokslut: en del av filen ({info.filename}) "
                                       f"blir {info.file_size // 2**20} MB uppackad (högst "
                                       f"{MAX_PART_BYTES // 2**20} MB). Ta bort det som inte hör till bokslutet.")
        if total > MAX_TOTAL_BYTES:
            raise UnusableWorkbook(f"{name} är för stor för ett bokslut: {total // 2**20} MB uppackad (högst "
                                   f"{MAX_TOTAL_BYTES // 2**20} MB).")

    # --- parts -------------------------------------------------------------------------------
    def part_name(self, name: str) -> str:
        """The name a part is stored under, for any spelling of it (part names ignore case)."""
        return self._names.get(name.casefold(), name)

    def has(self, name: str) -> bool:
        name = self.part_name(name)
        return name not in self.removed and (name in self.changed or name in self.infos)

    def read(self, name: str) -> bytes:
        name = self.part_name(name)
        if name in self.changed:
            data = self.changed[name]
            return data if isinstance(data, bytes) else b"".join(data())
        try:
            return self.zip.read(name)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, KeyError):
            raise UnusableWorkbook(f"{self.path.name} är skadad ({name} kan inte packas upp). Öppna den i Excel och "
                                   "spara den igen.") from None

    def xml(self, name: str):
        """A part as an lxml element; a DTD anywhere in it (as the parser sees the document, in any encoding) or a
        broken part is an UnusableWorkbook."""
        from lxml import etree

        data = self.read(name)
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError:
            try:  # a part broken by what its DTD declares (an entity) is refused for the DTD
                root = etree.fromstring(data, _parser(recover=True))
            except etree.XMLSyntaxError:
                root = None
            if root is None or not _has_dtd(root):
                raise UnusableWorkbook(f"{self.path.name} är skadad ({name} är ingen giltig XML). Öppna den i Excel "
                                       "och spara den igen.") from None
        if _has_dtd(root):
            raise UnusableWorkbook(f"{self.path.name} innehåller XML som Excel aldrig skriver ({name}); filen kan "
                                   "vara manipulerad och läses inte.")
        return root

    def write(self, name: str, data) -> None:
        """A part's new content: bytes, or a function giving its content as chunks of bytes when saving (a large
        sheet is then never held whole in memory)."""
        name = self.part_name(name)
        self._names.setdefault(name.casefold(), name)
        self.changed[name] = data
        self.removed.discard(name)

    def remove(self, name: str) -> None:
        name = self.part_name(name)
        self.changed.pop(name, None)
        self.removed.add(name)

    def names(self) -> list[str]:
        return [n for n in list(self.infos) + [n for n in self.changed if n not in self.infos] if self.has(n)]

    # --- saving ------------------------------------------------------------------------------
    def save(self, target: Path) -> None:
        """Write the package to ``target``: unchanged parts copied raw from the bytes read when it was opened, in
        their order; new parts at the end. Refused when the file on disk is no longer the one that was read."""
        with open(target, "wb") as out:
            writer = _ZipWriter(out)
            for name in self.names():
                if name in self.changed:
                    writer.add(name, self.changed[name])
                else:
                    writer.copy(self.data, self.infos[name], self.path.name)
            writer.close()
        self.check_unchanged()

    def check_unchanged(self) -> None:
        """Raise UnusableWorkbook when the file was replaced, truncated or rewritten since it was read."""
        try:
            now = _stamp(os.stat(self.path))
        except OSError:
            now = None
        if now != self.stamp:
            raise UnusableWorkbook(changed_message(self.path.name))

    def close(self) -> None:
        self.zip.close()


def _read_regular_file(path: Path) -> tuple[bytes, tuple[int, int, int, int]]:
    """The bytes of a regular file (never a pipe or a device, which could block or never end) and its stamp."""
    from ..safefile import read_regular_file

    data, info = read_regular_file(
        path, MAX_TOTAL_BYTES, "en Excel-arbetsbok",
        lambda mb: f"{path.name} är för stor för ett bokslut: {mb} MB (högst {MAX_TOTAL_BYTES // 2**20} MB).",
        f"{path.name} kan inte öppnas: den är låst av ett annat program, eller så saknas behörighet.")
    if len(data) != info.st_size:
        raise UnusableWorkbook(changed_message(path.name))
    return data, _stamp(info)


def serialize(root) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class _ZipWriter:
    """A minimal zip writer that can copy an entry's compressed bytes unchanged (zipfile cannot)."""

    def __init__(self, out):
        self.out = out
        self.central: list[bytes] = []

    def _entry(self, name: bytes, flags: int, method: int, dostime: int, dosdate: int, crc: int, csize: int,
               size: int, data: bytes | None, external: int = 0) -> None:
        offset = self.out.tell()
        if max(offset, csize, size) >= 0xFFFFFFFF:
            raise UnusableWorkbook("Arbetsboken blir för stor för att sparas.")
        self.out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, dostime, dosdate, crc, csize, size,
                                   len(name), 0) + name)
        if data is not None:
            self.out.write(data)
        self.central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method, dostime, dosdate,
                                        crc, csize, size, len(name), 0, 0, 0, 0, external, offset) + name)

    def copy(self, source: bytes, info: zipfile.ZipInfo, file_name: str) -> None:
        """An entry of ``source`` (the whole zip file) with its compressed bytes unchanged."""
        header = source[info.header_offset:info.header_offset + 30]
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise UnusableWorkbook(f"{file_name} är skadad ({info.filename} kan inte packas upp). Öppna den i Excel "
                                   "och spara den igen.")
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        start = info.header_offset + 30 + name_len + extra_len
        data = source[start:start + info.compress_size]
        if len(data) != info.compress_size:
            raise UnusableWorkbook(f"{file_name} är skadad ({info.filename} kan inte packas upp). Öppna den i Excel "
                                   "och spara den igen.")
        dostime, dosdate = _dos(info.date_time)
        name = info.filename.encode("utf-8")
        flags = (info.flag_bits & ~0x08) | (0x800 if not info.filename.isascii() else 0)
        self._entry(name, flags, info.compress_type, dostime, dosdate, info.CRC, info.compress_size, info.file_size,
                    data, info.external_attr)

    def add(self, name: str, data) -> None:
        """A new part, compressed as it comes (``data``: bytes, or a function giving chunks of bytes)."""
        encoded = name.encode("utf-8")
        flags = 0x800 if not name.isascii() else 0
        dostime, dosdate = _dos(time.localtime()[:6])
        offset = self.out.tell()
        self.out.write(b"\0" * (30 + len(encoded)))  # the local header, written when the sizes are known
        compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
        crc = size = csize = 0
        for chunk in ([data] if isinstance(data, bytes) else data()):
            crc, size = zlib.crc32(chunk, crc), size + len(chunk)
            packed = compressor.compress(chunk)
            csize += len(packed)
            self.out.write(packed)
        packed = compressor.flush()
        csize += len(packed)
        self.out.write(packed)
        end = self.out.tell()
        self.out.seek(offset)
        self._entry(encoded, flags, zipfile.ZIP_DEFLATED, dostime, dosdate, crc, csize, size, None)
        self.out.seek(end)

    def close(self) -> None:
        start = self.out.tell()
        directory = b"".join(self.central)
        self.out.write(directory)
        self.out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(self.central), len(self.central),
                                   len(directory), start, 0))


def _dos(date_time) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    year = max(year, 1980)
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day
