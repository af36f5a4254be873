"""The build: load → verify → render → print → write, every output written together or not at all;
warm rebuilds for ``--watch`` and ``preview``; batches of many fact files."""

from factbrief.build.batch import BatchItem, build_many
from factbrief.build.options import FORMATS, BuildOptions, default_template_dir
from factbrief.build.pipeline import BuildResult, build, check
from factbrief.build.warm import WarmBuild, WarmBuilder
from factbrief.build.watch import watch_inputs

__all__ = [
    "FORMATS",
    "BatchItem",
    "BuildOptions",
    "BuildResult",
    "WarmBuild",
    "WarmBuilder",
    "build",
    "build_many",
    "check",
    "default_template_dir",
    "watch_inputs",
]
