-- The task vocabulary: open, kept in a registry so that families name a known task.
CREATE TABLE task (
    name        VARCHAR(64)  NOT NULL,
    description VARCHAR(500) NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    created_by  VARCHAR(128) NOT NULL,
    version     BIGINT       NOT NULL,
    CONSTRAINT pk_task PRIMARY KEY (name)
);

INSERT INTO task (name, description, created_at, created_by, version) VALUES
    ('image-classification', 'Assign one label from a fixed set to an image (e.g. ImageNet top-1/top-5).', CURRENT_TIMESTAMP, 'seed', 1),
    ('text-embedding', 'Map text to a dense vector for retrieval, clustering or similarity (e.g. MTEB).', CURRENT_TIMESTAMP, 'seed', 1),
    ('text-classification', 'Assign one or more labels to a text (sentiment, topic, intent).', CURRENT_TIMESTAMP, 'seed', 1),
    ('object-detection', 'Locate and label objects in an image (e.g. COCO mAP).', CURRENT_TIMESTAMP, 'seed', 1),
    ('question-answering', 'Extract or generate an answer to a question from a context (e.g. SQuAD F1).', CURRENT_TIMESTAMP, 'seed', 1),
    ('llm-generation', 'Generate text token by token with a large language model.', CURRENT_TIMESTAMP, 'seed', 1);
