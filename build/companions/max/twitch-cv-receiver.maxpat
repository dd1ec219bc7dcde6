{
  "patcher": {
    "fileversion": 1,
    "appversion": {
      "major": 8,
      "minor": 6,
      "revision": 0,
      "architecture": "x64",
      "modernui": 1
    },
    "classnamespace": "box",
    "rect": [
      100.0,
      100.0,
      780.0,
      390.0
    ],
    "bglocked": 0,
    "openinpresentation": 0,
    "default_fontsize": 12.0,
    "default_fontface": 0,
    "default_fontname": "Arial",
    "gridonopen": 1,
    "gridsize": [
      15.0,
      15.0
    ],
    "gridsnaponopen": 1,
    "objectsnaponopen": 1,
    "statusbarvisible": 2,
    "toolbarvisible": 1,
    "lefttoolbarpinned": 0,
    "toptoolbarpinned": 0,
    "righttoolbarpinned": 0,
    "bottomtoolbarpinned": 0,
    "toolbars_unpinned_last_save": 0,
    "tallnewobj": 0,
    "boxanimatetime": 200,
    "enablehscroll": 1,
    "enablevscroll": 1,
    "devicewidth": 0.0,
    "description": "Receives Twitch-to-CV's OSC control voltages",
    "digest": "",
    "tags": "twitch osc cv",
    "style": "",
    "subpatcher_template": "",
    "assistshowspatchername": 0,
    "boxes": [
      {
        "box": {
          "id": "obj-title",
          "maxclass": "comment",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            20,
            12,
            700,
            20
          ],
          "text": "Twitch-to-CV receiver: one OSC float per change on UDP 7400, at the addresses of the app's first-run config.",
          "fontface": 1
        }
      },
      {
        "box": {
          "id": "obj-udp",
          "maxclass": "newobj",
          "numinlets": 1,
          "numoutlets": 1,
          "patching_rect": [
            20,
            50,
            110,
            22
          ],
          "outlettype": [
            ""
          ],
          "text": "udpreceive 7400"
        }
      },
      {
        "box": {
          "id": "obj-route",
          "maxclass": "newobj",
          "numinlets": 2,
          "numoutlets": 7,
          "patching_rect": [
            20,
            90,
            560,
            22
          ],
          "outlettype": [
            "",
            "",
            "",
            "",
            "",
            "",
            ""
          ],
          "text": "route /cv/cutoff /cv/resonance /cv/pitch /cv/gate /cv/kick /cv/wave"
        }
      },
      {
        "box": {
          "id": "obj-print",
          "maxclass": "newobj",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            600,
            130,
            150,
            22
          ],
          "text": "print twitch-cv-unrouted"
        }
      },
      {
        "box": {
          "id": "obj-cutoff-num",
          "maxclass": "flonum",
          "numinlets": 1,
          "numoutlets": 2,
          "patching_rect": [
            20,
            130,
            75,
            22
          ],
          "outlettype": [
            "",
            "bang"
          ],
          "parameter_enable": 0
        }
      },
      {
        "box": {
          "id": "obj-cutoff-sig",
          "maxclass": "newobj",
          "numinlets": 1,
          "numoutlets": 1,
          "patching_rect": [
            20,
            170,
            40,
            22
          ],
          "outlettype": [
            "signal"
          ],
          "text": "sig~"
        }
      },
      {
        "box": {
          "id": "obj-cutoff-out",
          "maxclass": "outlet",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            20,
            210,
            30,
            30
          ],
          "comment": "cutoff (signal)"
        }
      },
      {
        "box": {
          "id": "obj-cutoff-label",
          "maxclass": "comment",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            20,
            245,
            90,
            48
          ],
          "text": "cutoff 0..1",
          "linecount": 3
        }
      },
      {
        "box": {
          "id": "obj-resonance-num",
          "maxclass": "flonum",
          "numinlets": 1,
          "numoutlets": 2,
          "patching_rect": [
            115,
            130,
            75,
            22
          ],
          "outlettype": [
            "",
            "bang"
          ],
          "parameter_enable": 0
        }
      },
      {
        "box": {
          "id": "obj-resonance-sig",
          "maxclass": "newobj",
          "numinlets": 1,
          "numoutlets": 1,
          "patching_rect": [
            115,
            170,
            40,
            22
          ],
          "outlettype": [
            "signal"
          ],
          "text": "sig~"
        }
      },
      {
        "box": {
          "id": "obj-resonance-out",
          "maxclass": "outlet",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            115,
            210,
            30,
            30
          ],
          "comment": "resonance (signal)"
        }
      },
      {
        "box": {
          "id": "obj-resonance-label",
          "maxclass": "comment",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            115,
            245,
            90,
            48
          ],
          "text": "resonance 0..1",
          "linecount": 3
        }
      },
      {
        "box": {
          "id": "obj-pitch-num",
          "maxclass": "flonum",
          "numinlets": 1,
          "numoutlets": 2,
          "patching_rect": [
            210,
            130,
            75,
            22
          ],
          "outlettype": [
            "",
            "bang"
          ],
          "parameter_enable": 0
        }
      },
      {
        "box": {
          "id": "obj-pitch-sig",
          "maxclass": "newobj",
          "numinlets": 1,
          "numoutlets": 1,
          "patching_rect": [
            210,
            170,
            40,
            22
          ],
          "outlettype": [
            "signal"
          ],
          "text": "sig~"
        }
      },
      {
        "box": {
          "id": "obj-pitch-out",
          "maxclass": "outlet",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            210,
            210,
            30,
            30
          ],
          "comment": "pitch (signal)"
        }
      },
      {
        "box": {
          "id": "obj-pitch-label",
          "maxclass": "comment",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            210,
            245,
            90,
            48
          ],
          "text": "pitch V/oct (0 V = MIDI 60)",
          "linecount": 3
        }
      },
      {
        "box": {
          "id": "obj-gate-num",
          "maxclass": "flonum",
          "numinlets": 1,
          "numoutlets": 2,
          "patching_rect": [
            305,
            130,
            75,
            22
          ],
          "outlettype": [
            "",
            "bang"
          ],
          "parameter_enable": 0
        }
      },
      {
        "box": {
          "id": "obj-gate-sig",
          "maxclass": "newobj",
          "numinlets": 1,
          "numoutlets": 1,
          "patching_rect": [
            305,
            170,
            40,
            22
          ],
          "outlettype": [
            "signal"
          ],
          "text": "sig~"
        }
      },
      {
        "box": {
          "id": "obj-gate-out",
          "maxclass": "outlet",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            305,
            210,
            30,
            30
          ],
          "comment": "gate (signal)"
        }
      },
      {
        "box": {
          "id": "obj-gate-label",
          "maxclass": "comment",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            305,
            245,
            90,
            48
          ],
          "text": "gate 0 / 1",
          "linecount": 3
        }
      },
      {
        "box": {
          "id": "obj-kick-num",
          "maxclass": "flonum",
          "numinlets": 1,
          "numoutlets": 2,
          "patching_rect": [
            400,
            130,
            75,
            22
          ],
          "outlettype": [
            "",
            "bang"
          ],
          "parameter_enable": 0
        }
      },
      {
        "box": {
          "id": "obj-kick-sig",
          "maxclass": "newobj",
          "numinlets": 1,
          "numoutlets": 1,
          "patching_rect": [
            400,
            170,
            40,
            22
          ],
          "outlettype": [
            "signal"
          ],
          "text": "sig~"
        }
      },
      {
        "box": {
          "id": "obj-kick-out",
          "maxclass": "outlet",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            400,
            210,
            30,
            30
          ],
          "comment": "kick (signal)"
        }
      },
      {
        "box": {
          "id": "obj-kick-label",
          "maxclass": "comment",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            400,
            245,
            90,
            48
          ],
          "text": "kick: 1 for a short pulse",
          "linecount": 3
        }
      },
      {
        "box": {
          "id": "obj-wave-num",
          "maxclass": "flonum",
          "numinlets": 1,
          "numoutlets": 2,
          "patching_rect": [
            495,
            130,
            75,
            22
          ],
          "outlettype": [
            "",
            "bang"
          ],
          "parameter_enable": 0
        }
      },
      {
        "box": {
          "id": "obj-wave-sig",
          "maxclass": "newobj",
          "numinlets": 1,
          "numoutlets": 1,
          "patching_rect": [
            495,
            170,
            40,
            22
          ],
          "outlettype": [
            "signal"
          ],
          "text": "sig~"
        }
      },
      {
        "box": {
          "id": "obj-wave-out",
          "maxclass": "outlet",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            495,
            210,
            30,
            30
          ],
          "comment": "wave (signal)"
        }
      },
      {
        "box": {
          "id": "obj-wave-label",
          "maxclass": "comment",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            495,
            245,
            90,
            48
          ],
          "text": "wave (vote) 0..1",
          "linecount": 3
        }
      },
      {
        "box": {
          "id": "obj-help",
          "maxclass": "comment",
          "numinlets": 1,
          "numoutlets": 0,
          "patching_rect": [
            20,
            305,
            730,
            62
          ],
          "text": "Open it on its own (audio on) to watch the values, or save it next to your patch and create [twitch-cv-receiver] (or load it in a bpatcher) to get one signal outlet per variable, left to right as above. Send an outlet to [dac~ 3] etc. of a DC-coupled interface for CV. The app slews values itself; add [slide~] or [line~] for extra smoothing. Renamed or added a variable? Edit the route's addresses to match. The app's OSC target must be 127.0.0.1:7400 (the default).",
          "linecount": 4
        }
      }
    ],
    "lines": [
      {
        "patchline": {
          "source": [
            "obj-udp",
            0
          ],
          "destination": [
            "obj-route",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-route",
            0
          ],
          "destination": [
            "obj-cutoff-num",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-cutoff-num",
            0
          ],
          "destination": [
            "obj-cutoff-sig",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-cutoff-sig",
            0
          ],
          "destination": [
            "obj-cutoff-out",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-route",
            1
          ],
          "destination": [
            "obj-resonance-num",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-resonance-num",
            0
          ],
          "destination": [
            "obj-resonance-sig",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-resonance-sig",
            0
          ],
          "destination": [
            "obj-resonance-out",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-route",
            2
          ],
          "destination": [
            "obj-pitch-num",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-pitch-num",
            0
          ],
          "destination": [
            "obj-pitch-sig",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-pitch-sig",
            0
          ],
          "destination": [
            "obj-pitch-out",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-route",
            3
          ],
          "destination": [
            "obj-gate-num",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-gate-num",
            0
          ],
          "destination": [
            "obj-gate-sig",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-gate-sig",
            0
          ],
          "destination": [
            "obj-gate-out",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-route",
            4
          ],
          "destination": [
            "obj-kick-num",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-kick-num",
            0
          ],
          "destination": [
            "obj-kick-sig",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-kick-sig",
            0
          ],
          "destination": [
            "obj-kick-out",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-route",
            5
          ],
          "destination": [
            "obj-wave-num",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-wave-num",
            0
          ],
          "destination": [
            "obj-wave-sig",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-wave-sig",
            0
          ],
          "destination": [
            "obj-wave-out",
            0
          ]
        }
      },
      {
        "patchline": {
          "source": [
            "obj-route",
            6
          ],
          "destination": [
            "obj-print",
            0
          ]
        }
      }
    ],
    "dependency_cache": [],
    "autosave": 0
  }
}
