/** Style references (issue 24.3): published presets, the user's own styles, and choosing them for a still. */
@NullMarked
package me.minav3.mma.styles;

import org.jspecify.annotations.NullMarked;
