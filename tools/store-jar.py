#!/usr/bin/env python3
"""store-jar.py IN OUT: copies a jar with every entry stored (not deflated), nested jars included,
so that the initrd's compressor sees the class files themselves. Entry order, names, times and
contents are unchanged."""
import io
import sys
import zipfile


def stored(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename.endswith(".jar"):
                content = stored(content)
            info.compress_type = zipfile.ZIP_STORED
            dst.writestr(info, content)
    return out.getvalue()


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    with open(sys.argv[2], "wb") as f:
        f.write(stored(data))
