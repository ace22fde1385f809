#!/bin/sh
# conda-unpack: run once after unpacking this environment (made by Terrarium, in conda-pack's layout) to rewrite the
# prefix it was packed from into the directory it now lives in. The new prefix is the parent of this script's bin/.
#
# It uses python when one runs (the environment's own bin/python first, then python3/python on PATH; override with
# CONDA_UNPACK_PYTHON=/path/to/python, or CONDA_UNPACK_PYTHON=none to skip python) and otherwise POSIX tools only
# (sh, sed, awk, dd, grep, wc, cp, mv): text files are rewritten with sed, binary files with awk reading
# NUL-terminated strings and dd patching them in place, both with conda's rules (binary strings are NUL-padded, so
# the new prefix must not be longer than the recorded one). The files to rewrite are listed at the end of this file.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
new_prefix=$(dirname "$here")
script="$here/$(basename "$0")"
marker='__TERRARIUM_CONDA_UNPACK_FILES__'

find_python() {
    case "${CONDA_UNPACK_PYTHON:-}" in
        none) return 1 ;;
        "") ;;
        *) echo "$CONDA_UNPACK_PYTHON"; return 0 ;;
    esac
    for candidate in "$new_prefix/bin/python" python3 python; do
        if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 6) else 1)' >/dev/null 2>&1; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

if py=$(find_python); then
    exec "$py" - "$script" "$new_prefix" "$marker" <<'PYTHON'
import os, re, sys, tempfile

script, new_prefix, marker = sys.argv[1], sys.argv[2], sys.argv[3]
with open(script, "rb") as f:
    listing = f.read().split(b"\n" + marker.encode() + b"\n", 1)[1]
entries = [line.decode("utf-8").split("\t", 2) for line in listing.splitlines() if line.strip()]
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")

def fix_shebang(data, prefix):
    if not data.startswith(b"#!"):
        return data
    end = data.find(b"\n")
    end = len(data) if end < 0 else end
    line = data[:end].decode("utf-8", "replace")
    body = line[2:].lstrip()
    if " " in prefix and body.startswith(prefix + "/"):
        sp = body.find(" ", len(prefix))
    elif end > 127:
        sp = body.find(" ")
    else:
        return data
    exe, args = (body, "") if sp < 0 else (body[:sp], body[sp:])
    if "/" not in exe:
        return data
    return ("#!/usr/bin/env " + exe.rsplit("/", 1)[1].rstrip() + args).encode("utf-8") + data[end:]

def text_replace(data, old, new):
    for enc in ENCODINGS:
        data = data.replace(old.encode(enc), new.encode(enc))
    return fix_shebang(data, new)

def binary_replace(data, old, new, path):
    old_b, new_b = old.encode("utf-8"), new.encode("utf-8")
    if old_b not in data:
        return data
    if len(new_b) > len(old_b):
        raise SystemExit("conda-unpack: cannot rewrite %s: the new prefix %s (%d bytes) is longer than the %d bytes "
                         "the binary file reserves; unpack into a shorter path" % (path, new, len(new_b), len(old_b)))
    def pad(match):
        occurrences = match.group().count(old_b)
        return match.group().replace(old_b, new_b) + b"\0" * ((len(old_b) - len(new_b)) * occurrences)
    return re.sub(re.escape(old_b) + b"([^\0]*?)\0", pad, data)

for mode, old, rel in entries:
    path = os.path.join(new_prefix, rel)
    if old == new_prefix or os.path.islink(path) or not os.path.isfile(path):
        continue
    with open(path, "rb") as f:
        data = f.read()
    new = text_replace(data, old, new_prefix) if mode == "text" else binary_replace(data, old, new_prefix, rel)
    if new == data:
        continue
    st = os.stat(path)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".conda-unpack.")
    with os.fdopen(fd, "wb") as f:
        f.write(new)
    os.chmod(tmp, st.st_mode & 0o7777)
    os.replace(tmp, path)
PYTHON
fi

# No python: POSIX tools.
export LC_ALL=C
tab=$(printf '\t')

sed_pattern() { printf '%s\n' "$1" | sed -e 's/[]\/$*.^[|]/\\&/g'; }
sed_replacement() { printf '%s\n' "$1" | sed -e 's/[\/&|]/\\&/g'; }

replace_text() { # file old
    pattern=$(sed_pattern "$2")
    replacement=$(sed_replacement "$new_prefix")
    tmp="$1.conda-unpack.$$"
    cp -p "$1" "$tmp"
    sed -e "s|$pattern|$replacement|g" "$1" > "$tmp"
    # a shebang the kernel would cut (over 127 bytes) becomes /usr/bin/env <program>
    first=$(head -n 1 "$tmp")
    case "$first" in
        '#!'*)
            if [ "${#first}" -gt 127 ]; then
                program=$(printf '%s\n' "$first" | sed -e 's/^#![[:space:]]*//' -e 's/^[^ ]*\///')
                { printf '#!/usr/bin/env %s\n' "$program"; tail -n +2 "$tmp"; } > "$tmp.2"
                cat "$tmp.2" > "$tmp"
                rm -f "$tmp.2"
            fi ;;
    esac
    mv -f "$tmp" "$1"
}

replace_binary() { # file old
    size=$(wc -c < "$1" | tr -d ' ')
    tmp="$1.conda-unpack.$$"
    cp -p "$1" "$tmp"
    # each NUL-terminated string holding the old prefix: "<offset> <new bytes as octal escapes>"
    awk -v old="$2" -v new="$new_prefix" -v size="$size" -v file="$1" '
        BEGIN {
            RS = "\0"
            for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i
            if (length(new) > length(old)) grow = 1
        }
        {
            start = offset
            offset += length($0) + 1
            if (index($0, old) == 0 || start + length($0) >= size) next
            if (grow) {
                printf "conda-unpack: cannot rewrite %s: the new prefix %s is longer than the %d bytes the binary file reserves; unpack into a shorter path\n", file, new, length(old) > "/dev/stderr"
                exit 3
            }
            at = index($0, old) - 1
            s = substr($0, at + 1); out = ""; count = 0
            while ((k = index(s, old)) > 0) { out = out substr(s, 1, k - 1) new; s = substr(s, k + length(old)); count++ }
            out = out s
            esc = ""
            for (j = 1; j <= length(out); j++) esc = esc sprintf("\\%03o", ord[substr(out, j, 1)])
            for (j = 0; j < count * (length(old) - length(new)); j++) esc = esc "\\000"
            print start + at, esc
        }' "$1" > "$tmp.patches" || { rm -f "$tmp" "$tmp.patches"; exit 1; }
    while read -r at esc; do
        printf "$esc" | dd of="$tmp" bs=1 seek="$at" conv=notrunc 2>/dev/null
    done < "$tmp.patches"
    rm -f "$tmp.patches"
    mv -f "$tmp" "$1"
}

listing=$(mktemp)
trap 'rm -f "$listing"' EXIT
sed -e "1,/^$marker\$/d" "$script" > "$listing"
while IFS="$tab" read -r mode old rel; do
    [ -n "$rel" ] || continue
    path="$new_prefix/$rel"
    [ "$old" != "$new_prefix" ] || continue
    [ -f "$path" ] && [ ! -h "$path" ] || continue
    grep -F -q -- "$old" "$path" 2>/dev/null || continue
    if [ "$mode" = text ]; then replace_text "$path" "$old"; else replace_binary "$path" "$old"; fi
done < "$listing"
exit 0
__TERRARIUM_CONDA_UNPACK_FILES__
