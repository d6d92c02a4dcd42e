@NullMarked
package me.minav3.bootstrap;

import org.jspecify.annotations.NullMarked;
