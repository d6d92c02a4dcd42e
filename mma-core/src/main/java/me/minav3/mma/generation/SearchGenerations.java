package me.minav3.mma.generation;

import java.util.List;

/** A page of generations, newest first: a customer's archive, or every generation for the back office. */
public final class SearchGenerations {

    private final Generations generations;

    public SearchGenerations(Generations generations) {
        this.generations = generations;
    }

    /** At most {@code query.limit()} generations after the query's cursor. */
    public List<Generation> page(GenerationQuery query) {
        return generations.search(query);
    }
}
