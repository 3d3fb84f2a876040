"""Builds the Python package httpstatus: the C core and the SWIG interface
compiled into one extension, httpstatus.__core, with the SWIG-generated
httpstatus/_core.py and the generated httpstatus/__init__.pyi beside it.

    /usr/bin/python3 -m pip install --no-build-isolation .

SWIG runs inside build_ext and writes into the build directory only, and
build_ext itself puts _core.py and the .pyi into the package it builds, so
they reach the wheel whatever order build_py and build_ext run in.
"""

import os
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.install import install

HERE = os.path.dirname(os.path.abspath(__file__))
# Written beside the extension by build_ext: SWIG's module, and the .pyi.
GENERATED = ("_core.py", "__init__.pyi")


def version():
    with open(os.path.join(HERE, "core", "httpstatus.h")) as header:
        return re.search(r'#define HS_VERSION_STRING "([^"]+)"', header.read()).group(1)


class BuildExtWithSwig(build_ext):
    """build_ext that runs SWIG first and completes the package afterwards."""

    def build_extension(self, ext):
        swig_dir = os.path.join(self.build_temp, "swig")
        os.makedirs(swig_dir, exist_ok=True)
        wrapper = os.path.join(swig_dir, "httpstatus_wrap.c")
        swig = os.environ.get("SWIG") or shutil.which("swig") or shutil.which("swig4.0")
        if swig is None:
            sys.exit("setup.py: SWIG 4 is needed to build httpstatus (apt install swig, or pip install swig)")
        self.spawn([swig, "-python", "-builtin", "-Icore", "-Ibindings",
                    "-outdir", swig_dir, "-o", wrapper, "bindings/httpstatus.i"])
        ext.sources = [wrapper if s.endswith(".i") else s for s in ext.sources]
        super().build_extension(ext)

        package = os.path.dirname(self.get_ext_fullpath(ext.name))
        self.copy_file(os.path.join(swig_dir, "_core.py"), os.path.join(package, "_core.py"))
        # The .pyi is read from the package just built, so it needs the
        # package's .py files beside the extension (build_py may not have run).
        for name in ("__init__.py", "__main__.py", "py.typed"):
            self.copy_file(os.path.join("bindings", "python", "httpstatus", name),
                           os.path.join(package, name))
        subprocess.run([sys.executable, "-B", os.path.join("bindings", "python", "gen_pyi.py"),
                        os.path.dirname(package)], check=True)

    def get_outputs(self):
        outputs = super().get_outputs()
        for ext in self.extensions:
            package = os.path.dirname(self.get_ext_fullpath(ext.name))
            outputs += [os.path.join(package, name) for name in GENERATED]
        return outputs

    def copy_extensions_to_source(self):
        """--inplace and editable installs: the source package gets the
        generated files along with the extension."""
        super().copy_extensions_to_source()
        source = self.get_finalized_command("build_py").get_package_dir("httpstatus")
        for name in GENERATED:
            self.copy_file(os.path.join(self.build_lib, "httpstatus", name), os.path.join(source, name))


class InstallAnyPython(install):
    """install that also works with Debian's setuptools on another Python.

    Debian's setuptools (python3-setuptools-whl, which the README's offline
    route installs into a venv of any CPython) reads two options that only
    Debian's own Python defines, install_layout and prefix_option, and fails
    with AttributeError elsewhere (pyenv's, or one built from source). Both
    default to None, which means what they mean on Debian: no Debian layout.
    Elsewhere the class changes nothing."""

    def initialize_options(self):
        super().initialize_options()
        for option in ("install_layout", "prefix_option"):
            if not hasattr(self, option):
                setattr(self, option, None)


setup(
    version=version(),
    package_dir={"": "bindings/python"},
    packages=["httpstatus"],
    package_data={"httpstatus": ["py.typed", "wsgi.pyi", "asgi.pyi"]},
    ext_modules=[
        Extension(
            "httpstatus.__core",
            sources=["bindings/httpstatus.i", "core/httpstatus.c", "core/check.c", "core/values.c", "core/problem.c",
                     "core/problem_read.c", "cli/cli.c", "cli/lookup.c", "cli/check_stream.c", "cli/problem.c",
                     *(f"bindings/python/py_{name}.c"
                       for name in ("convert", "state", "lookup", "check", "problem", "main"))],
            include_dirs=["core", "cli", "bindings/python"],
            depends=["core/httpstatus.h", "core/codes.def", "core/rules.def", "core/names.inc", "core/normalize.h",
                     "core/values.h", "core/problem.h", "core/fields.h", "bindings/python/python.i", "bindings/python/py_module.h",
                     "cli/cli.h", "cli/internal.h"],
            # Only PyInit___core need be visible: a faster import.
            extra_compile_args=["-fvisibility=hidden"] if os.name == "posix" else [],
        )
    ],
    cmdclass={"build_ext": BuildExtWithSwig, "install": InstallAnyPython},
)
