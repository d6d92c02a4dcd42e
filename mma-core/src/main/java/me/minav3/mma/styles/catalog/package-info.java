/** Config key {@code mma.styles} as a value; depends only on {@code common}, so {@code config} and {@code styles} both use it. */
@NullMarked
package me.minav3.mma.styles.catalog;

import org.jspecify.annotations.NullMarked;
