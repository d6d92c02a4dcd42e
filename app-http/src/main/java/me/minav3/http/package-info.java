@NullMarked
package me.minav3.http;

import org.jspecify.annotations.NullMarked;
