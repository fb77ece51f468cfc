"""Which packages the wheel carries, found on disk so that a new folder is never left out.

Everything else about the build is in pyproject.toml. Discovery lives here because
`[tool.setuptools.packages.find]` names each package after its folder, and two of ours
install under another name: resources/ as `coherence_planner_resources` and icons/ as
`coherence_planner_icons` (importlib.resources finds them by those names, see assets.py).
tests/unit/test_packaging.py builds a wheel and checks it holds every tracked file.
"""

from setuptools import find_namespace_packages, setup

# Folder in the repository -> the name it installs under.
DATA_PACKAGES = {"resources": "coherence_planner_resources", "icons": "coherence_planner_icons"}
# Namespace discovery, so a folder is carried even without an __init__.py (resources/room/
# holds only the room's web page); the interpreter's byte-code caches are not packages.
NOT_PACKAGES = ["__pycache__", "*.__pycache__"]


def data_packages(folder: str, name: str) -> list[str]:
    subfolders = find_namespace_packages(where=folder, exclude=NOT_PACKAGES)
    return [name, *(f"{name}.{sub}" for sub in subfolders)]


setup(
    packages=[
        *find_namespace_packages(
            include=["coherence_planner", "coherence_planner.*"], exclude=NOT_PACKAGES
        ),
        *(p for folder, name in DATA_PACKAGES.items() for p in data_packages(folder, name)),
    ],
    package_dir={name: folder for folder, name in DATA_PACKAGES.items()},
)
