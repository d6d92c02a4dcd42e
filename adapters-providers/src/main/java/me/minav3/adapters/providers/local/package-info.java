@NullMarked
package me.minav3.adapters.providers.local;

import org.jspecify.annotations.NullMarked;
