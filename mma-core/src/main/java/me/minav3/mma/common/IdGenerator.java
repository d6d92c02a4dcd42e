package me.minav3.mma.common;

/** Makes new local ids (the part after a record type prefix). */
@FunctionalInterface
public interface IdGenerator {

    /** A new, unique id made of {@code [0-9a-f-]}; time-ordered in production so new rows index well. */
    String newId();
}
