// zlib, for reading gzip-compressed (rotated) logs as a stream.
// The system's: Debian's zlib1g-dev (Scripts/install-test-deps.sh installs it).
#include <zlib.h>
