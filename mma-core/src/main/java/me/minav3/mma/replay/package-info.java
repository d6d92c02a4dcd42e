/**
 * Replaying a generation's GPT steps under recorded or chosen context versions, for audit and prompt regression
 * checks (decision 030). Null-marked (docs/decisions/024-static-analysis.md).
 */
@NullMarked
package me.minav3.mma.replay;

import org.jspecify.annotations.NullMarked;
