@NullMarked
package me.minav3.http.shopify;

import org.jspecify.annotations.NullMarked;
