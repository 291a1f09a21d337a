# Literal (not regex) substitution driven by a map file of "FROM => TO" lines, so that host names,
# paths and URLs need no escaping. Blank lines and lines starting with # in the map are ignored;
# @ROOT@ in a TO value becomes the variable `root`.
# Usage: awk -v root=DIR -f substitute.awk MAP [MAP...] INPUT   (the last file is the input)
FILENAME != ARGV[ARGC - 1] {
    if ($0 ~ /^[[:space:]]*(#|$)/) next
    sep = index($0, " => ")
    if (sep == 0) { printf "%s:%d: expected 'FROM => TO'\n", FILENAME, FNR > "/dev/stderr"; exit 2 }
    to = substr($0, sep + 4)
    gsub(/@ROOT@/, root, to)
    n++; from_[n] = substr($0, 1, sep - 1); to_[n] = to
    next
}
{
    line = $0
    for (i = 1; i <= n; i++) {
        out = ""
        while ((p = index(line, from_[i])) > 0) {
            out = out substr(line, 1, p - 1) to_[i]
            line = substr(line, p + length(from_[i]))
        }
        line = out line
    }
    print line
}
