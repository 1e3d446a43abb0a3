# The service on the bundled corpus and model. Build: docker build -t vi-qa .
# Run: docker run -p 8000:8000 vi-qa
FROM python:3.11-slim

# Point pip at a CPU-only PyTorch wheel index (or a local mirror) to avoid the CUDA build:
#   docker build --build-arg PIP_EXTRA_INDEX_URL=<cpu wheel index> .
ARG PIP_EXTRA_INDEX_URL=""
ENV PIP_EXTRA_INDEX_URL=${PIP_EXTRA_INDEX_URL} PIP_NO_CACHE_DIR=1 PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1

WORKDIR /app
# Tesseract and its Vietnamese model read scanned PDFs (without them a scan upload gets a 422).
RUN apt-get update && apt-get install -y --no-install-recommends make tesseract-ocr tesseract-ocr-vie \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY qa qa
COPY index index
COPY eval eval
RUN pip install torch==2.13.0 && pip install .

COPY corpus corpus
# Convert the bundled model and build the index at image build time: the container
# starts serving at once and never needs a network.
RUN qa model && qa index build

EXPOSE 8000
CMD ["qa", "serve", "--host", "0.0.0.0", "--port", "8000"]
