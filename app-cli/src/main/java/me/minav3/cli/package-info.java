@NullMarked
package me.minav3.cli;

import org.jspecify.annotations.NullMarked;
