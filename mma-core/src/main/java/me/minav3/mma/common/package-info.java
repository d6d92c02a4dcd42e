/** Null-marked: a type without {@code @Nullable} never holds null (docs/decisions/024-static-analysis.md). */
@NullMarked
package me.minav3.mma.common;

import org.jspecify.annotations.NullMarked;
