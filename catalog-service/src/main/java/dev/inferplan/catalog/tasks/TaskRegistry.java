package dev.inferplan.catalog.tasks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The task vocabulary is open: the committee adds tasks, and a model family must name one that
 * is registered here, so that "text-embeddings" and "text-embedding" never become two tasks.
 */
@ApplicationScoped
public class TaskRegistry {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final TaskRepository tasks;
    private final Clock clock;

    @Inject
    public TaskRegistry(TaskRepository tasks) {
        this(tasks, Clock.systemUTC());
    }

    TaskRegistry(TaskRepository tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
    }

    @Transactional
    public List<Task> list() {
        return tasks.allByName();
    }

    @Transactional
    public Task register(String name, String description, String registeredBy) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.length() > 64 || !NAME.matcher(name).matches()) {
            errors.add(FieldError.field("name", "a task name is lowercase words joined by '-', at most 64 characters"));
        }
        if (description == null || description.isBlank() || description.length() > 500) {
            errors.add(FieldError.field("description", "a description of 1 to 500 characters is required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The task is not valid.", errors);
        }
        if (tasks.byName(name).isPresent()) {
            throw ProblemException.conflict("duplicate-task", "The task '" + name + "' is already registered.");
        }
        Task task = new Task(name, description.strip(), clock.instant(), registeredBy);
        tasks.add(task);
        return task;
    }
}
