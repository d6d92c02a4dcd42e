@NullMarked
package me.minav3.adapters.r2;

import org.jspecify.annotations.NullMarked;
