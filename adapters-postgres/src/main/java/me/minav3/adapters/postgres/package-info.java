@NullMarked
package me.minav3.adapters.postgres;

import org.jspecify.annotations.NullMarked;
